using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class CanaryDeploymentTests : SharedTargetFixture
{
    [Test]
    public async Task A_canary_deployment_becomes_the_stage_canary_and_leaves_the_stage_deployment()
    {
        var api = await CreateAsync(Client);
        await Expect(api.CreateStageAsync(Client, api.StageBody("prod")), HttpStatusCode.Created);

        var deployment = await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", CanaryDeployment("prod")), HttpStatusCode.Created);

        var id = deployment.Object["id"]!.GetValue<string>();
        Assert.That(deployment.Object.Select(m => m.Key), Is.EquivalentTo(new[] { "id", "createdDate" }));
        var stage = (await Expect(Client.GetAsync($"{api.Stages}/prod"), HttpStatusCode.OK)).Object;
        Assert.That(stage["deploymentId"]!.GetValue<string>(), Is.EqualTo(api.DeploymentId));
        Assert.That(
            stage["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{id}}","percentTraffic":20.5,"stageVariableOverrides":{"a":"k1"},"useStageCache":true}"""));
    }

    [Test]
    public async Task A_canary_deployment_on_a_stage_with_a_canary_replaces_the_whole_canary()
    {
        var api = await CreateAsync(Client);
        var body = api.StageBody("prod");
        body["canarySettings"] = new JsonObject { ["deploymentId"] = api.DeploymentId, ["percentTraffic"] = 40, ["stageVariableOverrides"] = new JsonObject { ["b"] = "k2" } };
        await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created);

        var deployment = await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", CanaryDeployment("prod")), HttpStatusCode.Created);

        var id = deployment.Object["id"]!.GetValue<string>();
        var stage = (await Expect(Client.GetAsync($"{api.Stages}/prod"), HttpStatusCode.OK)).Object;
        Assert.That(
            stage["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{id}}","percentTraffic":20.5,"stageVariableOverrides":{"a":"k1"},"useStageCache":true}"""));
    }

    [TestCase(null, "Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null")]
    [TestCase("", "Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ")]
    [TestCase("missing", "Invalid deployment content specified.Stage missing must already be created before making a canary release deployment")]
    public async Task A_canary_deployment_needs_an_existing_stage_and_creates_nothing_without_one(string? stageName, string message)
    {
        var api = await CreateAsync(Client);

        var response = await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", CanaryDeployment(stageName)), HttpStatusCode.BadRequest);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("BadRequestException", message)));
        var deployments = await Expect(Client.GetAsync($"/restapis/{api.ApiId}/deployments"), HttpStatusCode.OK);
        Assert.That(deployments.Object["item"]!.AsArray(), Has.Count.EqualTo(1));
        var stages = await Expect(Client.GetAsync(api.Stages), HttpStatusCode.OK);
        Assert.That(stages.Object["item"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task A_canary_deployment_with_traffic_beyond_100_is_rejected()
    {
        var api = await CreateAsync(Client);
        await Expect(api.CreateStageAsync(Client, api.StageBody("prod")), HttpStatusCode.Created);
        var body = CanaryDeployment("prod");
        body["canarySettings"]!["percentTraffic"] = 101;

        await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", body), HttpStatusCode.BadRequest);

        var stage = (await Expect(Client.GetAsync($"{api.Stages}/prod"), HttpStatusCode.OK)).Object;
        Assert.That(stage.ContainsKey("canarySettings"), Is.False);
    }

    private static JsonObject CanaryDeployment(string? stageName)
    {
        var body = new JsonObject
        {
            ["canarySettings"] = new JsonObject
            {
                ["percentTraffic"] = 20.5,
                ["stageVariableOverrides"] = new JsonObject { ["a"] = "k1" },
                ["useStageCache"] = true,
            },
        };
        if (stageName is not null)
        {
            body["stageName"] = stageName;
        }

        return body;
    }
}
