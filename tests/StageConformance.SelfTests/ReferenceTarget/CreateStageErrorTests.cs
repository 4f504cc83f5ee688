using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class CreateStageErrorTests : SharedTargetFixture
{
    private static readonly JsonNode Missing = BodyOverrides.Missing;

    private Provisioned api = null!;

    [OneTimeSetUp]
    public async Task ProvisionAsync()
    {
        api = await CreateAsync(Client);
    }

    /// <summary>Members set on a valid body (stageName "s-1", the API's deployment).</summary>
    private static IEnumerable<TestCaseData> Rejected()
    {
        TestCaseData Case(string name, string errorType, string? message, params (string Member, JsonNode? Value)[] members) =>
            new TestCaseData(members, errorType, message).SetArgDisplayNames(name);

        var enumList = "[0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]";
        yield return Case("stageName missing", "BadRequestException", null, ("stageName", Missing));
        yield return Case("stageName null", "BadRequestException", null, ("stageName", null));
        yield return Case("deploymentId missing", "BadRequestException", null, ("deploymentId", Missing));
        yield return Case("deploymentId null", "BadRequestException", null, ("deploymentId", null));
        yield return Case("stageName empty", "BadRequestException", null, ("stageName", ""));
        yield return Case("stageName 129 chars", "BadRequestException", null, ("stageName", new string('a', 129)));
        foreach (var name in new[] { "$default", "a b", "a.b", "a/b", "é", "a\n" })
        {
            yield return Case($"stageName {name}", "BadRequestException", "Stage name only allows a-zA-Z0-9_", ("stageName", name));
        }

        yield return Case(
            "cacheClusterSize 0.6", "ValidationException",
            $"1 validation error detected: Value '0.6' at 'createStageInput.cacheClusterSize' failed to satisfy constraint: Member must satisfy enum value set: {enumList}",
            ("cacheClusterSize", "0.6"));
        yield return Case(
            "variable name with a hyphen", "BadRequestException",
            "Invalid stage variable name: owner-name.  Please use names with only word characters.",
            ("variables", new JsonObject { ["owner-name"] = "x" }));
        yield return Case("variable name empty", "BadRequestException", null, ("variables", new JsonObject { [""] = "x" }));
        foreach (var value in new[] { "", "a b", "a@b", "a;b" })
        {
            yield return Case(
                $"variable value '{value}'", "BadRequestException",
                $"Invalid stage variable value: {value}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.",
                ("variables", new JsonObject { ["v"] = value }));
        }

        yield return Case("variable value null", "BadRequestException", null, ("variables", new JsonObject { ["v"] = null }));
        foreach (var key in new[] { "aws:x", "AWS:x", "Aws:" })
        {
            yield return Case(
                $"tag key {key}", "BadRequestException", "Invalid tag key. Tag keys cannot start with 'aws:' (case insensitive)",
                ("tags", new JsonObject { [key] = "v" }));
        }

        yield return Case("tag key 129 chars", "BadRequestException", null, ("tags", new JsonObject { [new string('k', 129)] = "v" }));
        yield return Case("tag key of 129 astral chars", "BadRequestException", null, ("tags", new JsonObject { [string.Concat(Enumerable.Repeat("😀", 129))] = "v" }));
        yield return Case("tag value 257 chars", "BadRequestException", null, ("tags", new JsonObject { ["k"] = new string('v', 257) }));
        yield return Case("percentTraffic -1", "BadRequestException", null, ("canarySettings", new JsonObject { ["percentTraffic"] = -1 }));
        yield return Case("percentTraffic 100.01", "BadRequestException", null, ("canarySettings", new JsonObject { ["percentTraffic"] = 100.01 }));
        yield return Case("unknown deploymentId", "BadRequestException", "Deployment id does not exist", ("deploymentId", "nosuchdepl"));
        yield return Case(
            "unknown canary deploymentId", "BadRequestException", "Deployment id does not exist",
            ("canarySettings", new JsonObject { ["deploymentId"] = "nosuchdepl" }));

        foreach (var (member, value) in new (string, JsonNode)[]
        {
            ("stageName", 1), ("deploymentId", true), ("description", new JsonArray()), ("documentationVersion", new JsonObject()),
            ("cacheClusterSize", 0.5), ("cacheClusterEnabled", "true"), ("tracingEnabled", 1), ("variables", new JsonArray()),
            ("variables", new JsonObject { ["v"] = 1 }), ("tags", "k=v"), ("tags", new JsonObject { ["k"] = false }), ("canarySettings", 5),
            ("canarySettings", new JsonObject { ["deploymentId"] = 1 }), ("canarySettings", new JsonObject { ["percentTraffic"] = "5" }),
            ("canarySettings", new JsonObject { ["stageVariableOverrides"] = new JsonArray() }),
            ("canarySettings", new JsonObject { ["useStageCache"] = "no" }),
        })
        {
            yield return Case($"{member} = {value.ToJsonString()}", "SerializationException", null, (member, value));
        }

        yield return Case("type checked before required members", "SerializationException", null, ("stageName", Missing), ("tracingEnabled", "yes"));
        yield return Case("stageName checked before deploymentId", "BadRequestException", "Stage name only allows a-zA-Z0-9_", ("stageName", "a.b"), ("deploymentId", "nosuchdepl"));
    }

    private static IEnumerable<TestCaseData> Accepted()
    {
        TestCaseData Case(string name, params (string Member, JsonNode? Value)[] members) => new TestCaseData((object)members).SetArgDisplayNames(name);

        yield return Case("stageName of 1 char", ("stageName", "a"));
        yield return Case("stageName of 128 chars", ("stageName", new string('b', 128)));
        yield return Case("stageName with hyphens and underscores", ("stageName", "A-b_C-9"));
        foreach (var size in new[] { "0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237" })
        {
            yield return Case($"cacheClusterSize {size}", ("stageName", "size-" + size.Replace('.', '_')), ("cacheClusterEnabled", true), ("cacheClusterSize", size));
        }

        yield return Case("variable value with every allowed symbol", ("variables", new JsonObject { ["Name_1"] = "aZ09-._~:/?#&=," }));
        yield return Case("tag key of 128 chars and value of 256", ("tags", new JsonObject { [new string('k', 128)] = new string('v', 256) }));
        yield return Case("tag key of 128 astral chars", ("tags", new JsonObject { [string.Concat(Enumerable.Repeat("😀", 128))] = "v" }));
        yield return Case("tag key starting with aws but no colon", ("tags", new JsonObject { ["awsome"] = "v" }));
        yield return Case("tag characters outside the documented set", ("tags", new JsonObject { ["k!*"] = "v#%&" }));
        yield return Case("percentTraffic 0", ("canarySettings", new JsonObject { ["percentTraffic"] = 0 }));
        yield return Case("percentTraffic 100", ("canarySettings", new JsonObject { ["percentTraffic"] = 100 }));
        yield return Case("null members", ("description", null), ("tags", null), ("canarySettings", null));
        yield return Case("unknown members are ignored", ("webAclArn", 5), ("whatever", new JsonArray()));
    }

    [TestCaseSource(nameof(Rejected))]
    public async Task Invalid_request_is_rejected_with_400_and_creates_nothing((string Member, JsonNode? Value)[] members, string errorType, string? message)
    {
        var body = Body(members);
        var before = (await Client.GetAsync(api.Stages)).Text;

        var response = await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.BadRequest);

        AssertError(response, errorType, message);
        Assert.That((await Client.GetAsync(api.Stages)).Text, Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task Valid_request_is_created((string Member, JsonNode? Value)[] members)
    {
        var body = Body(members);
        if (!members.Any(m => m.Member == "stageName"))
        {
            body["stageName"] = "ok-" + Guid.NewGuid().ToString("N")[..8];
        }

        var response = await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created);

        Assert.That(response.Object["stageName"]!.GetValue<string>(), Is.EqualTo(body["stageName"]!.GetValue<string>()));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("\"stage\"")]
    [TestCase("{\"stageName\":")]
    public async Task A_body_that_is_not_a_JSON_object_is_a_SerializationException(string body)
    {
        var response = await Expect(Client.SendAsync(HttpMethod.Post, api.Stages, body), HttpStatusCode.BadRequest);

        AssertError(response, "SerializationException", null);
    }

    [Test]
    public async Task Unknown_rest_api_is_404_before_the_body_is_read()
    {
        var response = await Expect(Client.SendAsync(HttpMethod.Post, "/restapis/nosuchapi0/stages", "not json"), HttpStatusCode.NotFound);

        AssertError(response, "NotFoundException", "Invalid API identifier specified 123456789012:nosuchapi0");
    }

    [Test]
    public async Task Duplicate_stage_name_is_409_and_leaves_the_stage_unchanged()
    {
        var body = api.StageBody("dup");
        body["description"] = "first";
        await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created);
        var before = (await Client.GetAsync($"{api.Stages}/dup")).Text;

        body["description"] = "second";
        var response = await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Conflict);

        AssertError(response, "ConflictException", "Stage already exists");
        Assert.That((await Client.GetAsync($"{api.Stages}/dup")).Text, Is.EqualTo(before));
    }

    [Test]
    public async Task Stage_names_are_case_sensitive()
    {
        await Expect(api.CreateStageAsync(Client, api.StageBody("Case")), HttpStatusCode.Created);

        await Expect(api.CreateStageAsync(Client, api.StageBody("case")), HttpStatusCode.Created);
    }

    private JsonObject Body((string Member, JsonNode? Value)[] members) =>
        BodyOverrides.Apply(api.StageBody("s-1"), members);

    private static void AssertError(TargetResponse response, string errorType, string? message)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ErrorType, Is.EqualTo(errorType), response.ToString());
            Assert.That(response.Headers["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(response.Object.Select(m => m.Key), Is.EqualTo(new[] { "message" }));
            Assert.That(response.Message, message is null ? Is.Not.Empty : Is.EqualTo(message));
            Assert.That(Guid.TryParse(response.Headers["x-amzn-RequestId"], out _), Is.True);
        }
    }
}
