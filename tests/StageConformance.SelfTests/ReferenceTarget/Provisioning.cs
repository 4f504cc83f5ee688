using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace StageConformance.SelfTests.ReferenceTarget;

/// <summary>A rest api with a MOCK GET on its root and one deployment: what a stage needs.</summary>
internal sealed record Provisioned(string ApiId, string RootResourceId, string DeploymentId)
{
    public string Stages => $"/restapis/{ApiId}/stages";

    public static async Task<Provisioned> CreateAsync(TargetClient client)
    {
        var api = await Expect(client.PostAsync("/restapis", new JsonObject { ["name"] = "stage-conformance" }), HttpStatusCode.Created);
        var apiId = api.Object["id"]!.GetValue<string>();
        var root = api.Object["rootResourceId"]!.GetValue<string>();
        await AddMockGetAsync(client, apiId, root);
        var deployment = await Expect(client.PostAsync($"/restapis/{apiId}/deployments", new JsonObject()), HttpStatusCode.Created);
        return new(apiId, root, deployment.Object["id"]!.GetValue<string>());
    }

    public static async Task AddMockGetAsync(TargetClient client, string apiId, string resourceId)
    {
        var method = $"/restapis/{apiId}/resources/{resourceId}/methods/GET";
        await Expect(client.PutAsync(method, new JsonObject { ["authorizationType"] = "NONE" }), HttpStatusCode.Created);
        await Expect(client.PutAsync(method + "/integration", new JsonObject { ["type"] = "MOCK" }), HttpStatusCode.Created);
    }

    public async Task<string> DeployAsync(TargetClient client) =>
        (await Expect(client.PostAsync($"/restapis/{ApiId}/deployments", new JsonObject()), HttpStatusCode.Created)).Object["id"]!.GetValue<string>();

    public Task<TargetResponse> CreateStageAsync(TargetClient client, JsonObject body) => client.PostAsync(Stages, body);

    public JsonObject StageBody(string stageName) => new() { ["stageName"] = stageName, ["deploymentId"] = DeploymentId };

    public static async Task<TargetResponse> Expect(Task<TargetResponse> sending, HttpStatusCode status)
    {
        var response = await sending;
        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        return response;
    }
}
