using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class ProvisioningFlowTests : SharedTargetFixture
{
    private static readonly string[] DefaultStageMembers =
        ["stageName", "deploymentId", "cacheClusterEnabled", "cacheClusterStatus", "methodSettings", "tracingEnabled", "createdDate", "lastUpdatedDate"];

    [Test]
    public async Task A_stage_goes_from_provisioning_through_create_get_list_and_delete()
    {
        var api = await Expect(Client.PostAsync("/restapis", new JsonObject { ["name"] = "flow", ["description"] = "d" }), HttpStatusCode.Created);
        var apiId = api.Object["id"]!.GetValue<string>();
        var rootId = api.Object["rootResourceId"]!.GetValue<string>();
        Assert.That(apiId, Does.Match("^[a-z0-9]{10}$"));
        Assert.That((await Expect(Client.GetAsync($"/restapis/{apiId}"), HttpStatusCode.OK)).Object["name"]!.GetValue<string>(), Is.EqualTo("flow"));
        Assert.That(ItemIds(await Client.GetAsync("/restapis"), "id"), Does.Contain(apiId));

        var resources = await Expect(Client.GetAsync($"/restapis/{apiId}/resources"), HttpStatusCode.OK);
        Assert.That(resources.Object["item"]!.ToJsonString(), Is.EqualTo($$"""[{"id":"{{rootId}}","path":"/"}]"""));

        var method = await Expect(
            Client.PutAsync($"/restapis/{apiId}/resources/{rootId}/methods/GET", new JsonObject { ["authorizationType"] = "NONE" }),
            HttpStatusCode.Created);
        Assert.That(method.Object.ToJsonString(), Is.EqualTo("""{"httpMethod":"GET","authorizationType":"NONE","apiKeyRequired":false}"""));
        var integration = await Expect(
            Client.PutAsync($"/restapis/{apiId}/resources/{rootId}/methods/GET/integration", new JsonObject { ["type"] = "MOCK" }),
            HttpStatusCode.Created);
        Assert.That(integration.Object["type"]!.GetValue<string>(), Is.EqualTo("MOCK"));

        var deployment = await Expect(Client.PostAsync($"/restapis/{apiId}/deployments", new JsonObject { ["description"] = "first" }), HttpStatusCode.Created);
        var deploymentId = deployment.Object["id"]!.GetValue<string>();
        Assert.That(deploymentId, Does.Match("^[a-z0-9]{10}$"));
        Assert.That(deployment.Object.Select(m => m.Key), Is.EquivalentTo(new[] { "id", "description", "createdDate" }));

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var created = await Expect(
            Client.PostAsync($"/restapis/{apiId}/stages", new JsonObject { ["stageName"] = "dev", ["deploymentId"] = deploymentId }),
            HttpStatusCode.Created);
        var stage = created.Object;
        Assert.That(stage.Select(m => m.Key), Is.EquivalentTo(DefaultStageMembers));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stage["stageName"]!.GetValue<string>(), Is.EqualTo("dev"));
            Assert.That(stage["deploymentId"]!.GetValue<string>(), Is.EqualTo(deploymentId));
            Assert.That(stage["cacheClusterEnabled"]!.GetValue<bool>(), Is.False);
            Assert.That(stage["cacheClusterStatus"]!.GetValue<string>(), Is.EqualTo("NOT_AVAILABLE"));
            Assert.That(stage["methodSettings"]!.ToJsonString(), Is.EqualTo("{}"));
            Assert.That(stage["tracingEnabled"]!.GetValue<bool>(), Is.False);
            Assert.That(stage["createdDate"]!.GetValue<long>(), Is.InRange(before, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            Assert.That(stage["lastUpdatedDate"]!.GetValue<long>(), Is.EqualTo(stage["createdDate"]!.GetValue<long>()));
        }

        var read = await Expect(Client.GetAsync($"/restapis/{apiId}/stages/dev"), HttpStatusCode.OK);
        Assert.That(read.Object.ToJsonString(), Is.EqualTo(stage.ToJsonString()));
        var listed = await Expect(Client.GetAsync($"/restapis/{apiId}/stages"), HttpStatusCode.OK);
        Assert.That(listed.Object["item"]!.ToJsonString(), Is.EqualTo($"[{stage.ToJsonString()}]"));

        var deleted = await Expect(Client.DeleteAsync($"/restapis/{apiId}/stages/dev"), HttpStatusCode.Accepted);
        Assert.That(deleted.Text, Is.Empty);
        var gone = await Expect(Client.GetAsync($"/restapis/{apiId}/stages/dev"), HttpStatusCode.NotFound);
        Assert.That((gone.ErrorType, gone.Message), Is.EqualTo(("NotFoundException", "Invalid stage identifier specified")));
        Assert.That(ItemIds(await Client.GetAsync($"/restapis/{apiId}/stages"), "stageName"), Is.Empty);
    }

    [Test]
    public async Task Every_optional_member_sent_comes_back_and_is_read_back()
    {
        var api = await CreateAsync(Client);
        var canaryDeployment = await api.DeployAsync(Client);
        var body = api.StageBody("full-stage_1");
        body["description"] = "alpha stage";
        body["documentationVersion"] = "1.0";
        body["cacheClusterEnabled"] = true;
        body["cacheClusterSize"] = "0.5";
        body["tracingEnabled"] = true;
        body["variables"] = new JsonObject { ["sv_1"] = "value_1", ["url"] = "https://a.example/x?y=1&z=2,3#f~-" };
        body["tags"] = new JsonObject { ["team"] = "ñ ü+-=._:/@", ["empty"] = "" };
        body["canarySettings"] = new JsonObject
        {
            ["deploymentId"] = canaryDeployment,
            ["percentTraffic"] = 12.5,
            ["stageVariableOverrides"] = new JsonObject { ["sv_1"] = "canary" },
            ["useStageCache"] = true,
        };

        var created = (await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created)).Object;
        foreach (var member in new[] { "stageName", "deploymentId", "description", "documentationVersion", "cacheClusterEnabled", "cacheClusterSize", "tracingEnabled", "variables", "tags", "canarySettings" })
        {
            Assert.That(created[member]?.ToJsonString(), Is.EqualTo(body[member]!.ToJsonString()), member);
        }

        Assert.That(created["cacheClusterStatus"]!.GetValue<string>(), Is.EqualTo("CREATE_IN_PROGRESS"));
        var read = (await Expect(Client.GetAsync($"{api.Stages}/full-stage_1"), HttpStatusCode.OK)).Object;
        created["cacheClusterStatus"] = "AVAILABLE";
        Assert.That(read.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task A_canary_without_its_own_deployment_follows_the_stage_and_defaults_its_members()
    {
        var api = await CreateAsync(Client);
        var body = api.StageBody("canary");
        body["canarySettings"] = new JsonObject();

        var created = (await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created)).Object;

        Assert.That(
            created["canarySettings"]!.ToJsonString(),
            Is.EqualTo($$"""{"deploymentId":"{{api.DeploymentId}}","percentTraffic":0,"useStageCache":false}"""));
    }

    [Test]
    public async Task Cache_size_is_shown_only_while_the_cache_is_enabled()
    {
        var api = await CreateAsync(Client);
        var body = api.StageBody("nocache");
        body["cacheClusterSize"] = "6.1";

        var created = (await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created)).Object;

        Assert.That(created.ContainsKey("cacheClusterSize"), Is.False);
        Assert.That(created["cacheClusterStatus"]!.GetValue<string>(), Is.EqualTo("NOT_AVAILABLE"));
    }

    [Test]
    public async Task Empty_maps_are_left_out()
    {
        var api = await CreateAsync(Client);
        var body = api.StageBody("empty-maps");
        body["variables"] = new JsonObject();
        body["tags"] = new JsonObject();

        var created = (await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created)).Object;

        Assert.That(created.Select(m => m.Key), Is.EquivalentTo(DefaultStageMembers));
    }

    [Test]
    public async Task GetStages_filters_by_deploymentId()
    {
        var api = await CreateAsync(Client);
        var second = await api.DeployAsync(Client);
        await Expect(api.CreateStageAsync(Client, api.StageBody("one")), HttpStatusCode.Created);
        await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = "two", ["deploymentId"] = second }), HttpStatusCode.Created);

        Assert.That(ItemIds(await Client.GetAsync(api.Stages), "stageName"), Is.EqualTo(new[] { "one", "two" }));
        Assert.That(ItemIds(await Client.GetAsync($"{api.Stages}?deploymentId={second}"), "stageName"), Is.EqualTo(new[] { "two" }));
        Assert.That(ItemIds(await Client.GetAsync($"{api.Stages}?deploymentId=nosuchdepl"), "stageName"), Is.Empty);
    }

    [Test]
    public async Task Stage_names_in_the_path_are_percent_decoded()
    {
        var api = await CreateAsync(Client);
        await Expect(api.CreateStageAsync(Client, api.StageBody("alpha")), HttpStatusCode.Created);

        var read = await Expect(Client.GetAsync($"{api.Stages}/%61lpha"), HttpStatusCode.OK);

        Assert.That(read.Object["stageName"]!.GetValue<string>(), Is.EqualTo("alpha"));
        await Expect(Client.DeleteAsync($"{api.Stages}/%61%6Cpha"), HttpStatusCode.Accepted);
    }

    [Test]
    public async Task A_deployment_needs_a_method()
    {
        var api = await Expect(Client.PostAsync("/restapis", new JsonObject { ["name"] = "empty" }), HttpStatusCode.Created);

        var response = await Expect(Client.PostAsync($"/restapis/{api.Object["id"]}/deployments", new JsonObject()), HttpStatusCode.BadRequest);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("BadRequestException", "The REST API doesn't contain any methods")));
    }

    [Test]
    public async Task A_deployment_with_a_stageName_creates_the_stage_with_the_defaults_then_repoints_it()
    {
        var api = await CreateAsync(Client);

        var first = await Expect(
            Client.PostAsync($"/restapis/{api.ApiId}/deployments", new JsonObject { ["stageName"] = "prod", ["stageDescription"] = "p", ["variables"] = new JsonObject { ["v"] = "1" } }),
            HttpStatusCode.Created);
        var stage = (await Expect(Client.GetAsync($"{api.Stages}/prod"), HttpStatusCode.OK)).Object;
        Assert.That(stage.Select(m => m.Key), Is.EquivalentTo(DefaultStageMembers.Concat(["description", "variables"])));
        Assert.That(stage["deploymentId"]!.GetValue<string>(), Is.EqualTo(first.Object["id"]!.GetValue<string>()));

        var second = await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", new JsonObject { ["stageName"] = "prod" }), HttpStatusCode.Created);
        stage = (await Expect(Client.GetAsync($"{api.Stages}/prod"), HttpStatusCode.OK)).Object;
        Assert.That(stage["deploymentId"]!.GetValue<string>(), Is.EqualTo(second.Object["id"]!.GetValue<string>()));
        Assert.That(stage["description"]!.GetValue<string>(), Is.EqualTo("p"));
    }

    [Test]
    public async Task A_deployment_with_an_invalid_stageName_is_rejected_and_not_created()
    {
        var api = await CreateAsync(Client);

        var response = await Expect(Client.PostAsync($"/restapis/{api.ApiId}/deployments", new JsonObject { ["stageName"] = "$default" }), HttpStatusCode.BadRequest);

        Assert.That(response.Message, Is.EqualTo("Stage name only allows a-zA-Z0-9_"));
        Assert.That(ItemIds(await Client.GetAsync($"/restapis/{api.ApiId}/deployments"), "id"), Is.EqualTo(new[] { api.DeploymentId }));
    }

    [Test]
    public async Task A_deployment_in_use_by_a_stage_or_its_canary_cannot_be_deleted()
    {
        var api = await CreateAsync(Client);
        var canary = await api.DeployAsync(Client);
        var body = api.StageBody("in-use");
        body["canarySettings"] = new JsonObject { ["deploymentId"] = canary };
        await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created);

        foreach (var deploymentId in new[] { api.DeploymentId, canary })
        {
            var refused = await Expect(Client.DeleteAsync($"/restapis/{api.ApiId}/deployments/{deploymentId}"), HttpStatusCode.BadRequest);
            Assert.That(refused.Message, Is.EqualTo("Active stages pointing to this deployment must be moved or deleted"));
        }

        await Expect(Client.DeleteAsync($"{api.Stages}/in-use"), HttpStatusCode.Accepted);
        await Expect(Client.DeleteAsync($"/restapis/{api.ApiId}/deployments/{canary}"), HttpStatusCode.Accepted);
        await Expect(Client.GetAsync($"/restapis/{api.ApiId}/deployments/{canary}"), HttpStatusCode.NotFound);
        await Expect(Client.GetAsync($"/restapis/{api.ApiId}/deployments/{api.DeploymentId}"), HttpStatusCode.OK);
    }

    [Test]
    public async Task Deleting_a_rest_api_drops_it_and_everything_under_it()
    {
        var api = await CreateAsync(Client);
        await Expect(api.CreateStageAsync(Client, api.StageBody("dev")), HttpStatusCode.Created);

        var deleted = await Expect(Client.DeleteAsync($"/restapis/{api.ApiId}"), HttpStatusCode.Accepted);

        Assert.That(deleted.Text, Is.Empty);
        var gone = await Expect(Client.GetAsync($"/restapis/{api.ApiId}"), HttpStatusCode.NotFound);
        Assert.That(gone.Message, Is.EqualTo($"Invalid API identifier specified 123456789012:{api.ApiId}"));
        await Expect(Client.GetAsync($"{api.Stages}/dev"), HttpStatusCode.NotFound);
        await Expect(Client.DeleteAsync($"/restapis/{api.ApiId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Methods_and_integrations_need_their_resource_and_method()
    {
        var api = await CreateAsync(Client);
        var none = new JsonObject { ["authorizationType"] = "NONE" };

        await Expect(Client.PutAsync($"/restapis/{api.ApiId}/resources/nosuchres0/methods/GET", none), HttpStatusCode.NotFound);
        await Expect(Client.PutAsync($"/restapis/{api.ApiId}/resources/{api.RootResourceId}/methods/POST/integration", new JsonObject { ["type"] = "MOCK" }), HttpStatusCode.NotFound);
        await Expect(Client.PutAsync($"/restapis/{api.ApiId}/resources/{api.RootResourceId}/methods/GET", none), HttpStatusCode.Conflict);
        await Expect(Client.PutAsync($"/restapis/{api.ApiId}/resources/{api.RootResourceId}/methods/FETCH", none), HttpStatusCode.BadRequest);
    }

    private static List<string> ItemIds(TargetResponse response, string member)
    {
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return [.. response.Object["item"]!.AsArray().Select(i => i![member]!.GetValue<string>())];
    }
}
