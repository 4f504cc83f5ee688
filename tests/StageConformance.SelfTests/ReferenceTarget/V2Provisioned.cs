using System.Net;
using System.Text.Json.Nodes;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;

namespace StageConformance.SelfTests.ReferenceTarget;

/// <summary>An HTTP or WebSocket API with a $default route (and, for HTTP, one deployment): what a v2 stage needs.</summary>
internal sealed record V2Provisioned(string ApiId, string? DeploymentId)
{
    public string Stages => $"/v2/apis/{ApiId}/stages";

    public static async Task<V2Provisioned> CreateHttpAsync(TargetClient client, string name = "stage-conformance")
    {
        var apiId = await CreateApiAsync(client, new JsonObject { ["name"] = name, ["protocolType"] = "HTTP" });
        var deployment = await Expect(client.PostAsync($"/v2/apis/{apiId}/deployments", new JsonObject()), HttpStatusCode.Created);
        return new(apiId, deployment.Object["deploymentId"]!.GetValue<string>());
    }

    public static async Task<V2Provisioned> CreateWebSocketAsync(TargetClient client) =>
        new(await CreateApiAsync(client, new JsonObject
        {
            ["name"] = "stage-conformance-ws",
            ["protocolType"] = "WEBSOCKET",
            ["routeSelectionExpression"] = "$request.body.action",
        }), null);

    private static async Task<string> CreateApiAsync(TargetClient client, JsonObject body)
    {
        var api = await Expect(client.PostAsync("/v2/apis", body), HttpStatusCode.Created);
        var apiId = api.Object["apiId"]!.GetValue<string>();
        await Expect(client.PostAsync($"/v2/apis/{apiId}/routes", new JsonObject { ["routeKey"] = "$default" }), HttpStatusCode.Created);
        return apiId;
    }

    public Task<TargetResponse> CreateStageAsync(TargetClient client, JsonObject body) => client.PostAsync(Stages, body);

    /// <summary>The stage's path, its name percent-encoded as clients send it ($default as %24default).</summary>
    public string Stage(string name) => $"{Stages}/{Uri.EscapeDataString(name)}";
}
