using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class UpdateStageTests : SharedTargetFixture
{
    [Test]
    public async Task Replacing_each_canary_member_sets_it_in_its_type_and_keeps_the_others()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", canary: Canary(canaryDeployment));

        var updated = await PatchAsync(
            api,
            stage,
            Replace("/canarySettings/percentTraffic", "25.5"),
            Replace("/canarySettings/useStageCache", "true"),
            Replace("/canarySettings/stageVariableOverrides/b", "changed"),
            Replace("/canarySettings/deploymentId", api.DeploymentId));

        Assert.That(
            updated["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{api.DeploymentId}}","percentTraffic":25.5,"stageVariableOverrides":{"a":"k1","b":"changed"},"useStageCache":true}"""));
    }

    [Test]
    public async Task Replacing_the_canary_deployment_on_a_stage_without_a_canary_creates_one_with_no_traffic()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s");

        var updated = await PatchAsync(api, stage, Replace("/canarySettings/deploymentId", canaryDeployment));

        Assert.That(
            updated["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{canaryDeployment}}","percentTraffic":0,"useStageCache":false}"""));
        Assert.That(updated["deploymentId"]!.GetValue<string>(), Is.EqualTo(api.DeploymentId));
    }

    [Test]
    public async Task Replacing_the_traffic_on_a_stage_without_a_canary_creates_one_on_the_stage_deployment()
    {
        var api = await CreateAsync(Client);
        var stage = await CreateStageAsync(api, "s");

        var updated = await PatchAsync(api, stage, Replace("/canarySettings/percentTraffic", "10"));

        Assert.That(
            updated["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{api.DeploymentId}}","percentTraffic":10,"useStageCache":false}"""));
    }

    [Test]
    public async Task Removing_canarySettings_drops_the_member()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", canary: Canary(canaryDeployment));

        var updated = await PatchAsync(api, stage, new JsonObject { ["op"] = "remove", ["path"] = "/canarySettings" });

        Assert.That(updated.ContainsKey("canarySettings"), Is.False);
    }

    [Test]
    public async Task Promotion_moves_the_stage_to_the_canary_deployment_merges_the_overrides_and_keeps_the_canary()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", new JsonObject { ["a"] = "s1", ["c"] = "s3" }, Canary(canaryDeployment));

        var updated = await PatchAsync(
            api,
            stage,
            Copy("/canarySettings/deploymentId", "/deploymentId"),
            Copy("/canarySettings/stageVariableOverrides", "/variables"));

        Assert.That(updated["deploymentId"]!.GetValue<string>(), Is.EqualTo(canaryDeployment));
        Assert.That(updated["variables"]!.ToJsonString(), Is.EqualTo("""{"a":"k1","c":"s3","b":"k2"}"""));
        Assert.That(updated["canarySettings"]!.ToJsonString(), Is.EqualTo(Canary(canaryDeployment).ToJsonString()));
    }

    [Test]
    public async Task Description_and_deploymentId_are_replaced()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s");

        var updated = await PatchAsync(api, stage, Replace("/description", "moved"), Replace("/deploymentId", canaryDeployment));

        Assert.That((updated["description"]!.GetValue<string>(), updated["deploymentId"]!.GetValue<string>()), Is.EqualTo(("moved", canaryDeployment)));
    }

    [Test]
    public async Task The_answer_is_200_with_the_stage_GetStage_then_shows()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", canary: Canary(canaryDeployment));

        var updated = await PatchAsync(api, stage, Replace("/canarySettings/percentTraffic", "50"));

        var read = await Expect(Client.GetAsync($"{api.Stages}/{stage}"), HttpStatusCode.OK);
        Assert.That(read.Object.ToJsonString(), Is.EqualTo(updated.ToJsonString()));
        Assert.That(updated["lastUpdatedDate"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(updated["createdDate"]!.GetValue<long>()));
    }

    private static IEnumerable<TestCaseData> Rejected()
    {
        TestCaseData Case(string name, bool canary, string? message, params JsonObject[] operations) =>
            new TestCaseData(canary, message, operations).SetArgDisplayNames(name);

        yield return Case("add on a canary member", true, "Invalid add operation with path: /canarySettings/deploymentId", Add("/canarySettings/deploymentId", "{deployment}"));
        yield return Case("add on the canary traffic", true, "Invalid add operation with path: /canarySettings/percentTraffic", Add("/canarySettings/percentTraffic", "20"));
        yield return Case("promotion without a canary", false, "Promotion not available. Canary does not exist.", Copy("/canarySettings/deploymentId", "/deploymentId"));
        yield return Case("variables promotion without a canary", false, "Promotion not available. Canary does not exist.", Copy("/canarySettings/stageVariableOverrides", "/variables"));
        yield return Case(
            "copy between other paths",
            true,
            "Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]",
            Copy("/variables", "/canarySettings/stageVariableOverrides"));
        foreach (var path in new[] { "/documentation_version", "/tags/tag1", "/canarySettings/badPath", "/canarySettings" })
        {
            yield return Case($"unknown path {path}", true, null, Replace(path, "x"));
        }

        foreach (var percent in new[] { "101", "-1", "100.01", "abc", "NaN" })
        {
            yield return Case($"percentTraffic {percent}", true, null, Replace("/canarySettings/percentTraffic", percent));
        }

        yield return Case("unknown canary deployment", true, "Deployment id does not exist", Replace("/canarySettings/deploymentId", "nosuchdepl"));
        yield return Case("unknown stage deployment", true, "Deployment id does not exist", Replace("/deploymentId", "nosuchdepl"));
        yield return Case(
            "remove a canary that does not exist", false, "Cannot remove method setting canarySettings because there is no method setting for this method ",
            new JsonObject { ["op"] = "remove", ["path"] = "/canarySettings" });
        yield return Case(
            "remove the canary's overrides", true, "Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method ",
            new JsonObject { ["op"] = "remove", ["path"] = "/canarySettings/stageVariableOverrides" });
        yield return Case(
            "remove the canary's traffic", true, "Cannot remove method setting canarySettings/percentTraffic because there is no method setting for this method ",
            new JsonObject { ["op"] = "remove", ["path"] = "/canarySettings/percentTraffic" });
        yield return Case(
            "an access-log member that does not exist", false, "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]",
            Replace("/accessLogSettings/randomValue", "x"));
        yield return Case("an empty access-log value", false, "Access Log value must not be empty", Replace("/accessLogSettings/format", ""));
        yield return Case(
            "remove an access-log member that is not set", false, "Cannot remove method setting accessLogSettings/destinationArn because there is no method setting for this method ",
            new JsonObject { ["op"] = "remove", ["path"] = "/accessLogSettings/destinationArn" });
        yield return Case("useStageCache not a boolean", true, null, Replace("/canarySettings/useStageCache", "yes"));
        yield return Case("op move", true, null, new JsonObject { ["op"] = "move", ["from"] = "/description", ["path"] = "/deploymentId" });
        yield return Case("valid operations before an invalid one", true, null, Replace("/description", "changed"), Replace("/canarySettings/percentTraffic", "50"), Add("/canarySettings/useStageCache", "true"));
    }

    [Test]
    public async Task A_canary_made_earlier_in_the_patch_can_be_promoted_later_in_it()
    {
        var api = await CreateAsync(Client);
        var stage = await CreateStageAsync(api, "s", new JsonObject { ["a"] = "s1" });

        var updated = await PatchAsync(
            api,
            stage,
            Replace("/canarySettings/percentTraffic", "0.0"),
            Copy("/canarySettings/deploymentId", "/deploymentId"),
            Copy("/canarySettings/stageVariableOverrides", "/variables"));

        Assert.That(
            (updated["deploymentId"]!.ToJsonString(), updated["variables"]!.ToJsonString(), updated["canarySettings"]!.ToJsonString()),
            Is.EqualTo(($"\"{api.DeploymentId}\"", """{"a":"s1"}""", $$"""{"deploymentId":"{{api.DeploymentId}}","percentTraffic":0,"useStageCache":false}""")));
    }

    [TestCaseSource(nameof(Rejected))]
    public async Task An_invalid_patch_is_400_and_changes_nothing(bool canary, string? message, JsonObject[] operations)
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", canary: canary ? Canary(canaryDeployment) : null);
        var before = (await Client.GetAsync($"{api.Stages}/{stage}")).Text;
        var patch = new JsonArray([.. operations.Select(o => JsonNode.Parse(o.ToJsonString().Replace("{deployment}", canaryDeployment, StringComparison.Ordinal)))]);

        var response = await Expect(Client.PatchAsync($"{api.Stages}/{stage}", new JsonObject { ["patchOperations"] = patch }), HttpStatusCode.BadRequest);

        Assert.That(response.ErrorType, Is.EqualTo("BadRequestException"));
        Assert.That(response.Message, message is null ? Is.Not.Empty : Is.EqualTo(message));
        Assert.That((await Client.GetAsync($"{api.Stages}/{stage}")).Text, Is.EqualTo(before));
    }

    [Test]
    public async Task UpdateStage_on_a_stage_that_does_not_exist_is_404()
    {
        var api = await CreateAsync(Client);

        var response = await Expect(
            Client.PatchAsync($"{api.Stages}/nosuchstage", new JsonObject { ["patchOperations"] = new JsonArray(Replace("/description", "x")) }),
            HttpStatusCode.NotFound);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("NotFoundException", "Invalid stage identifier specified")));
    }

    [TestCase("""{"patchOperations": {}}""")]
    [TestCase("""{"patchOperations": ["replace"]}""")]
    [TestCase("""{"patchOperations": [{"op": "replace", "path": "/description", "value": 5}]}""")]
    public async Task Patch_operations_of_the_wrong_JSON_type_are_a_SerializationException(string body)
    {
        var api = await CreateAsync(Client);
        var stage = await CreateStageAsync(api, "s");

        var response = await Expect(Client.SendAsync(HttpMethod.Patch, $"{api.Stages}/{stage}", body), HttpStatusCode.BadRequest);

        Assert.That(response.ErrorType, Is.EqualTo("SerializationException"));
    }

    [Test]
    public async Task An_empty_patch_answers_the_stage_unchanged()
    {
        var api = await CreateAsync(Client);
        var stage = await CreateStageAsync(api, "s");
        var before = (await Client.GetAsync($"{api.Stages}/{stage}")).Object;

        var updated = await PatchAsync(api, stage);

        Assert.That(updated["deploymentId"]!.ToJsonString(), Is.EqualTo(before["deploymentId"]!.ToJsonString()));
        Assert.That(updated.ContainsKey("canarySettings"), Is.False);
    }

    [Test]
    public async Task GetStages_lists_each_stage_with_its_canary()
    {
        var (api, canaryDeployment) = await ApiWithCanaryDeploymentAsync();
        var stage = await CreateStageAsync(api, "s", canary: Canary(canaryDeployment));

        var listed = await Expect(Client.GetAsync(api.Stages), HttpStatusCode.OK);

        var item = listed.Object["item"]!.AsArray().Single(i => i!["stageName"]!.GetValue<string>() == stage)!;
        Assert.That(item["canarySettings"]!.ToJsonString(), Is.EqualTo(Canary(canaryDeployment).ToJsonString()));
    }

    private async Task<(Provisioned Api, string CanaryDeployment)> ApiWithCanaryDeploymentAsync()
    {
        var api = await CreateAsync(Client);
        return (api, await api.DeployAsync(Client));
    }

    private async Task<string> CreateStageAsync(Provisioned api, string name, JsonObject? variables = null, JsonObject? canary = null)
    {
        var body = api.StageBody(name);
        body["variables"] = variables ?? new JsonObject { ["a"] = "s1" };
        if (canary is not null)
        {
            body["canarySettings"] = canary;
        }

        await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created);
        return name;
    }

    private async Task<JsonObject> PatchAsync(Provisioned api, string stage, params JsonObject[] operations)
    {
        var response = await Expect(
            Client.PatchAsync($"{api.Stages}/{stage}", new JsonObject { ["patchOperations"] = new JsonArray([.. operations]) }),
            HttpStatusCode.OK);
        return response.Object;
    }

    private static JsonObject Canary(string deploymentId) => new()
    {
        ["deploymentId"] = deploymentId,
        ["percentTraffic"] = 10,
        ["stageVariableOverrides"] = new JsonObject { ["a"] = "k1", ["b"] = "k2" },
        ["useStageCache"] = false,
    };

    private static JsonObject Replace(string path, string value) => new() { ["op"] = "replace", ["path"] = path, ["value"] = value };

    private static JsonObject Add(string path, string value) => new() { ["op"] = "add", ["path"] = path, ["value"] = value };

    private static JsonObject Copy(string from, string path) => new() { ["op"] = "copy", ["from"] = from, ["path"] = path };
}
