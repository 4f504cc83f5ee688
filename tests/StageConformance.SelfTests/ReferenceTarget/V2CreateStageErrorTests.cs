using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class V2CreateStageErrorTests : SharedTargetFixture
{
    private static readonly JsonNode Missing = BodyOverrides.Missing;

    private V2Provisioned http = null!;
    private V2Provisioned webSocket = null!;

    [OneTimeSetUp]
    public async Task ProvisionAsync()
    {
        http = await V2Provisioned.CreateHttpAsync(Client);
        webSocket = await V2Provisioned.CreateWebSocketAsync(Client);
    }

    /// <summary>Members set on a valid body (stageName "s-1") sent to the HTTP API.</summary>
    private static IEnumerable<TestCaseData> Rejected()
    {
        TestCaseData Case(string name, string errorType, string? message, params (string Member, JsonNode? Value)[] members) =>
            new TestCaseData(members, errorType, message).SetArgDisplayNames(name);

        yield return Case("stageName missing", "BadRequestException", "Stage name must be specified", ("stageName", Missing));
        yield return Case("stageName null", "BadRequestException", null, ("stageName", null));
        yield return Case("stageName empty", "BadRequestException", null, ("stageName", ""));
        yield return Case("stageName 129 chars", "BadRequestException", null, ("stageName", new string('a', 129)));
        foreach (var name in new[] { "a b", "a.b", "a/b", "é", "a\n", "$defaults", "$DEFAULT", "default$", "$" })
        {
            yield return Case($"stageName {name}", "BadRequestException", null, ("stageName", name));
        }

        yield return Case("description 1025 chars", "BadRequestException", null, ("description", new string('d', 1025)));
        yield return Case(
            "loggingLevel on an HTTP API", "BadRequestException", "Execution logs are not supported on protocolType HTTP",
            ("defaultRouteSettings", new JsonObject { ["loggingLevel"] = "INFO" }));
        yield return Case(
            "OFF on an HTTP API route", "BadRequestException", "Execution logs are not supported on protocolType HTTP",
            ("routeSettings", new JsonObject { ["$default"] = new JsonObject { ["loggingLevel"] = "OFF" } }));
        yield return Case(
            "dataTraceEnabled false on an HTTP API", "BadRequestException", "Execution logs are not supported on protocolType HTTP",
            ("defaultRouteSettings", new JsonObject { ["dataTraceEnabled"] = false }));
        yield return Case(
            "variable name with a hyphen", "BadRequestException",
            "Invalid stage variable name: owner-name.  Please use names with only word characters.",
            ("stageVariables", new JsonObject { ["owner-name"] = "x" }));
        yield return Case("variable value empty", "BadRequestException", null, ("stageVariables", new JsonObject { ["v"] = "" }));
        yield return Case("variable value null", "BadRequestException", null, ("stageVariables", new JsonObject { ["v"] = null }));
        yield return Case("unknown deploymentId", "BadRequestException", "Invalid deployment identifier specified: nosuchdepl", ("deploymentId", "nosuchdepl"));

        foreach (var (member, value) in new (string, JsonNode)[]
        {
            ("stageName", 1), ("description", true), ("deploymentId", new JsonArray()), ("clientCertificateId", 5),
            ("defaultRouteSettings", "x"), ("defaultRouteSettings", new JsonObject { ["detailedMetricsEnabled"] = "yes" }),
            ("defaultRouteSettings", new JsonObject { ["throttlingBurstLimit"] = 1.5 }), ("defaultRouteSettings", new JsonObject { ["throttlingRateLimit"] = "5" }),
            ("routeSettings", new JsonArray()), ("routeSettings", new JsonObject { ["$default"] = "x" }),
            ("stageVariables", "k=v"), ("stageVariables", new JsonObject { ["v"] = 1 }), ("tags", new JsonObject { ["k"] = false }),
            ("accessLogSettings", 5), ("accessLogSettings", new JsonObject { ["format"] = 1 }),
        })
        {
            yield return Case($"{member} = {value.ToJsonString()}", "SerializationException", null, (member, value));
        }
    }

    private static IEnumerable<TestCaseData> Accepted()
    {
        TestCaseData Case(string name, params (string Member, JsonNode? Value)[] members) => new TestCaseData((object)members).SetArgDisplayNames(name);

        yield return Case("stageName of 1 char", ("stageName", "a"));
        yield return Case("stageName of 128 chars", ("stageName", new string('b', 128)));
        yield return Case("stageName with hyphens and underscores", ("stageName", "A-b_C-9"));
        yield return Case("description of 1024 chars", ("description", new string('d', 1024)));
        yield return Case("variable value with every allowed symbol", ("stageVariables", new JsonObject { ["Name_1"] = "aZ09-._~:/?#&=," }));
        yield return Case("tags of characters outside the v1 set", ("tags", new JsonObject { ["k!*"] = "v#%&" }));
        yield return Case("route settings without execution logs", ("routeSettings", new JsonObject { ["$default"] = new JsonObject { ["detailedMetricsEnabled"] = true, ["throttlingRateLimit"] = 2 } }));
        yield return Case("null members", ("description", null), ("tags", null), ("defaultRouteSettings", null));
        yield return Case("unknown members are ignored", ("autoDeploy", 5), ("whatever", new JsonArray()));
    }

    [TestCaseSource(nameof(Rejected))]
    public async Task Invalid_request_is_rejected_with_400_and_creates_nothing((string Member, JsonNode? Value)[] members, string errorType, string? message)
    {
        var before = (await Client.GetAsync(http.Stages)).Text;

        var response = await Expect(http.CreateStageAsync(Client, Body(members)), HttpStatusCode.BadRequest);

        AssertError(response, errorType, message);
        Assert.That((await Client.GetAsync(http.Stages)).Text, Is.EqualTo(before));
    }

    [TestCaseSource(nameof(Accepted))]
    public async Task Valid_request_is_created((string Member, JsonNode? Value)[] members)
    {
        var body = Body(members);
        if (!members.Any(m => m.Member == "stageName"))
        {
            body["stageName"] = "ok-" + Guid.NewGuid().ToString("N")[..8];
        }

        var response = await Expect(http.CreateStageAsync(Client, body), HttpStatusCode.Created);

        Assert.That(response.Object["stageName"]!.GetValue<string>(), Is.EqualTo(body["stageName"]!.GetValue<string>()));
        await Expect(Client.DeleteAsync(http.Stage(body["stageName"]!.GetValue<string>())), HttpStatusCode.NoContent);
    }

    [TestCase("ERROR", HttpStatusCode.Created)]
    [TestCase("INFO", HttpStatusCode.Created)]
    [TestCase("OFF", HttpStatusCode.Created)]
    [TestCase("false", HttpStatusCode.BadRequest)]
    [TestCase("DEBUG", HttpStatusCode.BadRequest)]
    [TestCase("info", HttpStatusCode.BadRequest)]
    public async Task A_WebSocket_API_takes_exactly_the_listed_logging_levels(string level, HttpStatusCode status)
    {
        var name = "ws-" + Guid.NewGuid().ToString("N")[..8];

        var response = await Expect(
            webSocket.CreateStageAsync(Client, new JsonObject { ["stageName"] = name, ["routeSettings"] = new JsonObject { ["$default"] = new JsonObject { ["loggingLevel"] = level } } }),
            status);

        if (status == HttpStatusCode.BadRequest)
        {
            AssertError(response, "BadRequestException", $"Invalid logging level '{level}': use one of ERROR, INFO, OFF");
        }
    }

    [Test]
    public async Task Duplicate_stage_name_is_409_and_leaves_the_stage_unchanged()
    {
        await Expect(http.CreateStageAsync(Client, new JsonObject { ["stageName"] = "dup", ["description"] = "first" }), HttpStatusCode.Created);
        var before = (await Client.GetAsync(http.Stage("dup"))).Text;

        var response = await Expect(http.CreateStageAsync(Client, new JsonObject { ["stageName"] = "dup", ["description"] = "second" }), HttpStatusCode.Conflict);

        AssertError(response, "ConflictException", "Stage already exists");
        Assert.That((await Client.GetAsync(http.Stage("dup"))).Text, Is.EqualTo(before));
    }

    [Test]
    public async Task A_deployment_of_another_API_does_not_exist_here()
    {
        var response = await Expect(
            webSocket.CreateStageAsync(Client, new JsonObject { ["stageName"] = "other", ["deploymentId"] = http.DeploymentId }), HttpStatusCode.BadRequest);

        AssertError(response, "BadRequestException", $"Invalid deployment identifier specified: {http.DeploymentId}");
    }

    private static JsonObject Body((string Member, JsonNode? Value)[] members) =>
        BodyOverrides.Apply(new JsonObject { ["stageName"] = "s-1" }, members);

    private static void AssertError(TargetResponse response, string errorType, string? message)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ErrorType, Is.EqualTo(errorType), response.ToString());
            Assert.That(response.Headers["Content-Type"], Is.EqualTo("application/json"));
            Assert.That(response.Object.Select(m => m.Key), Is.EqualTo(new[] { "message" }));
            Assert.That(response.Message, message is null ? Is.Not.Empty : Is.EqualTo(message));
        }
    }
}
