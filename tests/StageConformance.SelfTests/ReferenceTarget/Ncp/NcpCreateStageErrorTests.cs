using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Ncp.NcpProvisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget.Ncp;

public sealed class NcpCreateStageErrorTests
{
    /// <summary>Stands for a member left out of the body.</summary>
    private static readonly JsonNode Missing = BodyOverrides.Missing;

    private RunningTarget target = null!;
    private NcpClient client = null!;
    private NcpProvisioned api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Busy fixtures share one target: its budget must not be what a test meets.
        target = await Emulator.StartAsync(new ReferenceTargetOptions { ThrottleRatePerSecond = 100_000, ThrottleBurst = 100_000 });
        client = new NcpClient(target.BaseUrl);
        api = await CreateAsync(client);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        client.Dispose();
        await target.DisposeAsync();
    }

    /// <summary>Members set on a valid body (stageName "s-1", endpointDomain https://example.com).</summary>
    private static IEnumerable<TestCaseData> Rejected()
    {
        TestCaseData Case(string name, params (string Member, JsonNode? Value)[] members) => new TestCaseData((object)members).SetArgDisplayNames(name);

        yield return Case("stageName missing", ("stageName", Missing));
        yield return Case("stageName null", ("stageName", null));
        yield return Case("endpointDomain missing", ("endpointDomain", Missing));
        yield return Case("stageName empty", ("stageName", ""));
        yield return Case("stageName 21 chars", ("stageName", new string('a', 21)));
        foreach (var name in new[] { "a b", "a.b", "a/b", "é", "a\n", "$default" })
        {
            yield return Case($"stageName {name}", ("stageName", name));
        }

        foreach (var (member, low, high) in new[] { ("cacheTtlSec", 0L, 3601L), ("throttleRps", 0L, 2147483648L), ("statusCode", 99L, 600L) })
        {
            yield return Case($"{member} {low}", (member, low));
            yield return Case($"{member} {high}", (member, high));
        }

        yield return Case("minimumCompressionSize -1", ("minimumCompressionSize", -1), ("enabledContentEncoding", true));
        yield return Case("minimumCompressionSize 10485761", ("minimumCompressionSize", 10_485_761), ("enabledContentEncoding", true));
        yield return Case("minimumCompressionSize without enabledContentEncoding", ("minimumCompressionSize", 0));
        yield return Case("minimumCompressionSize with enabledContentEncoding false", ("minimumCompressionSize", 0), ("enabledContentEncoding", false));
        yield return Case("response 1501 chars", ("response", new string('r', 1501)));
        yield return Case("ipAclCode ALLOW", ("ipAclCode", "ALLOW"), ("ipAclList", "10.0.0.1"));
        yield return Case("ipAclCode lower case", ("ipAclCode", "allowed"), ("ipAclList", "10.0.0.1"));
        yield return Case("ipAclCode without ipAclList", ("ipAclCode", "ALLOWED"));
        yield return Case("ipAclList without ipAclCode", ("ipAclList", "10.0.0.1"));
        yield return Case("stageName a boolean", ("stageName", true));
        yield return Case("isMaintenance a string", ("isMaintenance", "true"));
        yield return Case("cacheTtlSec a string", ("cacheTtlSec", "60"));
        yield return Case("cacheTtlSec a fraction", ("cacheTtlSec", 1.5));
    }

    [TestCaseSource(nameof(Rejected))]
    public async Task A_broken_rule_is_a_400_with_a_top_level_error_and_creates_nothing((string Member, JsonNode? Value)[] members)
    {
        var body = BodyOverrides.Apply(StageBody("s-1"), members);

        var response = await Expect(client.PostAsync(api.Stages, body), HttpStatusCode.BadRequest);

        Assert.That(response.Object.Select(m => m.Key), Is.EqualTo(new[] { "errorCode", "message" }));
        Assert.That(response.Object["errorCode"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(response.Headers["Content-Type"], Does.StartWith("application/json"));
        Assert.That((await Expect(client.GetAsync(api.Stages), HttpStatusCode.OK)).Object["stages"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Edges_of_every_range_are_accepted()
    {
        var body = StageBody("edges");
        body["cacheTtlSec"] = 3600;
        body["throttleRps"] = 2147483647;
        body["statusCode"] = 100;
        body["response"] = "";
        body["enabledContentEncoding"] = true;
        body["minimumCompressionSize"] = 10_485_760;

        await Expect(client.PostAsync(api.Stages, body), HttpStatusCode.Created);
    }

    [Test]
    public async Task A_duplicate_stageName_is_a_400_and_leaves_the_first_stage_alone()
    {
        var first = StageBody("dup");
        first["response"] = "first";
        await Expect(client.PostAsync(api.Stages, first), HttpStatusCode.Created);
        var second = StageBody("dup");
        second["response"] = "second";

        await Expect(client.PostAsync(api.Stages, second), HttpStatusCode.BadRequest);

        var listed = (await Expect(client.GetAsync(api.Stages), HttpStatusCode.OK)).Object["stages"]!.AsArray().Where(s => s!["stageName"]!.GetValue<string>() == "dup").ToList();
        Assert.That(listed, Has.Count.EqualTo(1));
        var stage = await Expect(client.GetAsync($"{api.Stages}/{listed[0]!["stageId"]!.GetValue<string>()}"), HttpStatusCode.OK);
        Assert.That(stage.Object["stage"]!["response"]!.GetValue<string>(), Is.EqualTo("first"));
    }

    [TestCase("/api/v1/products/zzzzzzzzzz/apis/zzzzzzzzzz/stages")]
    [TestCase("{product}/apis/zzzzzzzzzz/stages")]
    public async Task Create_stage_under_an_unknown_product_or_API_is_a_404(string path)
    {
        var response = await Expect(client.PostAsync(path.Replace("{product}", api.Product, StringComparison.Ordinal), StageBody("orphan")), HttpStatusCode.NotFound);

        Assert.That(response.Object["errorCode"]!.GetValue<int>(), Is.EqualTo(300));
    }

    [Test]
    public async Task An_unknown_stage_or_operation_is_a_404()
    {
        await Expect(client.GetAsync($"{api.Stages}/zzzzzzzzzz"), HttpStatusCode.NotFound);
        await Expect(client.DeleteAsync($"{api.Stages}/zzzzzzzzzz"), HttpStatusCode.NotFound);
        await Expect(client.SendAsync(HttpMethod.Patch, api.Stages, "{}"), HttpStatusCode.NotFound);
    }
}
