using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Ncp.NcpProvisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget.Ncp;

public sealed class NcpProvisioningFlowTests
{
    private RunningTarget target = null!;
    private NcpClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Busy fixtures share one target: its budget must not be what a test meets.
        target = await Emulator.StartAsync(new ReferenceTargetOptions { ThrottleRatePerSecond = 100_000, ThrottleBurst = 100_000 });
        client = new NcpClient(target.BaseUrl);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        client.Dispose();
        await target.DisposeAsync();
    }

    [Test]
    public async Task A_stage_goes_from_provisioning_through_create_get_list_and_delete()
    {
        var product = await Expect(client.PostAsync("/api/v1/products", new JsonObject { ["productName"] = "flow", ["subscriptionCode"] = "PROTECTED" }), HttpStatusCode.Created);
        var productId = product.Object["product"]!["productId"]!.GetValue<string>();
        Assert.That(productId, Does.Match("^[a-z0-9]{10}$"));
        var api = await Expect(client.PostAsync($"/api/v1/products/{productId}/apis", new JsonObject { ["apiName"] = "flow-api_1" }), HttpStatusCode.Created);
        var apiId = api.Object["api"]!["apiId"]!.GetValue<string>();
        var stages = $"/api/v1/products/{productId}/apis/{apiId}/stages";

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var created = await Expect(client.PostAsync(stages, StageBody("dev")), HttpStatusCode.Created);
        var stage = created.Object["stage"]!.AsObject();
        var stageId = stage["stageId"]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Object.Select(m => m.Key), Is.EqualTo(new[] { "stage" }));
            Assert.That(stage.Select(m => m.Key), Is.EqualTo(new[]
            {
                "tenantId", "modifier", "stageId", "apiId", "stageName", "endpointDomain", "regTime", "isMaintenance", "enabledContentEncoding",
            }));
            Assert.That(stage["apiId"]!.GetValue<string>(), Is.EqualTo(apiId));
            Assert.That(stage["stageName"]!.GetValue<string>(), Is.EqualTo("dev"));
            Assert.That(stage["regTime"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(DateTimeOffset.Parse(stage["regTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(before, DateTimeOffset.UtcNow));
            Assert.That((stage["isMaintenance"]!.GetValue<bool>(), stage["enabledContentEncoding"]!.GetValue<bool>()), Is.EqualTo((false, false)));
        }

        var read = await Expect(client.GetAsync($"{stages}/{stageId}"), HttpStatusCode.OK);
        Assert.That(read.Object.ToJsonString(), Is.EqualTo(created.Object.ToJsonString()));
        var listed = await Expect(client.GetAsync(stages), HttpStatusCode.OK);
        Assert.That(listed.Object["stages"]!.ToJsonString(), Is.EqualTo($$"""[{"stageId":"{{stageId}}","stageName":"dev","isCanary":false,"resourceDtos":[]}]"""));

        var deleted = await Expect(client.DeleteAsync($"{stages}/{stageId}"), HttpStatusCode.NoContent);
        Assert.That(deleted.Text, Is.Empty);
        await Expect(client.GetAsync($"{stages}/{stageId}"), HttpStatusCode.NotFound);
        Assert.That((await Expect(client.GetAsync(stages), HttpStatusCode.OK)).Object["stages"]!.AsArray(), Is.Empty);

        await Expect(client.DeleteAsync($"/api/v1/products/{productId}/apis/{apiId}"), HttpStatusCode.NoContent);
        await Expect(client.GetAsync(stages), HttpStatusCode.NotFound);
        await Expect(client.DeleteAsync($"/api/v1/products/{productId}"), HttpStatusCode.NoContent);
        await Expect(client.DeleteAsync($"/api/v1/products/{productId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Every_member_sent_is_stored_and_shown_except_deploymentDescription()
    {
        var api = await CreateAsync(client);
        var body = new JsonObject
        {
            ["stageName"] = "all",
            ["endpointDomain"] = "https://example.com",
            ["cacheTtlSec"] = 60,
            ["throttleRps"] = 100,
            ["response"] = "maintenance",
            ["deploymentDescription"] = "first deployment",
            ["isMaintenance"] = true,
            ["enabledContentEncoding"] = true,
            ["minimumCompressionSize"] = 1024,
            ["ipAclCode"] = "ALLOWED",
            ["ipAclList"] = "10.0.0.1",
            ["statusCode"] = 503,
        };

        var stage = (await Expect(client.PostAsync(api.Stages, body), HttpStatusCode.Created)).Object["stage"]!.AsObject();

        foreach (var (member, value) in body.Where(m => m.Key != "deploymentDescription"))
        {
            Assert.That(JsonNode.DeepEquals(stage[member], value), Is.True, member);
        }

        Assert.That(stage.ContainsKey("deploymentDescription"), Is.False);
    }

    [Test]
    public async Task Products_and_APIs_check_their_names_and_subscription()
    {
        await Expect(client.PostAsync("/api/v1/products", new JsonObject { ["productName"] = "p", ["subscriptionCode"] = "PRIVATE" }), HttpStatusCode.BadRequest);
        await Expect(client.PostAsync("/api/v1/products", new JsonObject { ["subscriptionCode"] = "PUBLIC" }), HttpStatusCode.BadRequest);
        var api = await CreateAsync(client);
        await Expect(client.PostAsync($"{api.Product}/apis", new JsonObject { ["apiName"] = new string('a', 21) }), HttpStatusCode.BadRequest);
        await Expect(client.PostAsync($"{api.Product}/apis", new JsonObject { ["apiName"] = "a.b" }), HttpStatusCode.BadRequest);
        await Expect(client.PostAsync("/api/v1/products/zzzzzzzzzz/apis", new JsonObject { ["apiName"] = "ok" }), HttpStatusCode.NotFound);
    }
}
