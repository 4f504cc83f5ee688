using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using StageConformance.Generation;
using StageConformance.Http;

namespace StageConformance.Dialects.AwsHttpV2;

/// <summary>
/// HTTP and WebSocket APIs (v2). Per run: an HTTP API with a $default route and one deployment,
/// where every stage goes unless the request carries a member HTTP APIs refuse (x-parent
/// "websocket" in the request schema); those go to a WebSocket API with a $default route.
/// GetStages is paged, so listing walks every page of both APIs.
/// </summary>
public sealed class AwsHttpV2StageApi(TargetClient client, string runId, RequestModel request) : IStageApi, IReferenceValues
{
    /// <summary>The x-parent value of members only WebSocket APIs take.</summary>
    public const string WebSocketParent = "websocket";

    /// <summary>The route both APIs get; routeSettings keys in generated requests name it.</summary>
    public const string RouteKey = "$default";

    /// <summary>A walk that has not ended after this many pages is not going to (the pagination check judges that).</summary>
    private const int MaxPages = 100;

    /// <summary>Stages the run created, and the API each lives under.</summary>
    private readonly Dictionary<string, string> createdStages = new(StringComparer.Ordinal);

    /// <summary>Where listing found a stage; a stage a rejected request left behind is deleted where it is.</summary>
    private readonly Dictionary<string, string> listedStages = new(StringComparer.Ordinal);

    /// <summary>Every name a listing walk saw, keyed by the exchange the walk returned (its last page).</summary>
    private readonly ConditionalWeakTable<HttpExchange, IReadOnlyList<string>> walkedNames = new();

    private string? httpApiId;
    private string? webSocketApiId;
    private string? deploymentId;

    public string Dialect => Configuration.DialectNames.AwsHttpV2;

    public IReferenceValues References => this;

    public TargetClient Client => client;

    public string HttpApiName => RunNaming.ParentName(runId);

    public string WebSocketApiName => RunNaming.ParentName(runId) + "-ws";

    public string HttpApiId => httpApiId ?? throw new InvalidOperationException("the HTTP API is not provisioned");

    private string WebSocketApiId => webSocketApiId ?? throw new InvalidOperationException("the WebSocket API is not provisioned");

    public async Task ProvisionAsync(CancellationToken ct)
    {
        var http = await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, "/v2/apis",
            new JsonObject { ["name"] = HttpApiName, ["protocolType"] = "HTTP", ["description"] = "stage conformance suite run " + runId }, ct), 201, "CreateApi (HTTP)");
        httpApiId = AdapterCalls.Field(http, "apiId");
        await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, $"/v2/apis/{httpApiId}/routes", new JsonObject { ["routeKey"] = RouteKey }, ct), 201, "CreateRoute (HTTP)");

        // An HTTP API deploys only with a route (aws-behavior.md: "Unable to deploy API because no routes exist in this API").
        var deployment = await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, $"/v2/apis/{httpApiId}/deployments",
            new JsonObject { ["description"] = "stageconf " + runId }, ct), 201, "CreateDeployment (HTTP)");
        deploymentId = AdapterCalls.Field(deployment, "deploymentId");

        var webSocket = await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, "/v2/apis",
            new JsonObject
            {
                ["name"] = WebSocketApiName,
                ["protocolType"] = "WEBSOCKET",
                ["routeSelectionExpression"] = "$request.body.action",
                ["description"] = "stage conformance suite run " + runId,
            }, ct), 201, "CreateApi (WEBSOCKET)");
        webSocketApiId = AdapterCalls.Field(webSocket, "apiId");
        await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, $"/v2/apis/{webSocketApiId}/routes", new JsonObject { ["routeKey"] = RouteKey }, ct), 201, "CreateRoute (WEBSOCKET)");
    }

    public string Existing(string resource) => resource switch
    {
        "deployment" => deploymentId ?? throw new InvalidOperationException("no deployment is provisioned"),
        _ => throw new ArgumentException($"aws-http-v2 provisions no '{resource}'", nameof(resource)),
    };

    public string Missing(string resource) => resource switch
    {
        "deployment" => "zz" + AdapterCalls.RandomId(8),
        _ => throw new ArgumentException($"aws-http-v2 knows no '{resource}'", nameof(resource)),
    };

    /// <summary>CreateStage under the API the request's members call for (the HTTP API unless one needs a WebSocket API).</summary>
    /// <exception cref="Checks.CheckSkipped">The request needs the WebSocket API but names the HTTP API's deployment: no target could take it.</exception>
    public Task<HttpExchange> CreateStageAsync(JsonObject body, SigningMode signing = SigningMode.Signed, TargetClient? via = null)
    {
        if (!request.ParentsRequiredBy(body).Contains(WebSocketParent))
        {
            return CreateStageUnderAsync(HttpApiId, body, signing, via);
        }

        // A random valid request may carry the deployment; broken by a WebSocket-only member it would be refused twice over.
        return Mentions(body, deploymentId)
            ? throw new Checks.CheckSkipped("the case needs the WebSocket API and names the HTTP API's deployment; it says nothing")
            : CreateStageUnderAsync(WebSocketApiId, body, signing, via);
    }

    /// <summary>CreateStage under the HTTP API whatever the request carries: how a rule about HTTP APIs is probed.</summary>
    public Task<HttpExchange> CreateStageOnHttpApiAsync(JsonObject body) => CreateStageUnderAsync(HttpApiId, body, SigningMode.Signed, null);

    private async Task<HttpExchange> CreateStageUnderAsync(string apiId, JsonObject body, SigningMode signing, TargetClient? via)
    {
        var exchange = await (via ?? client).SendAsync(HttpMethod.Post, $"/v2/apis/{apiId}/stages", body, signing);
        if (exchange.Status is >= 200 and < 300 && body["stageName"] is JsonValue name && name.TryGetValue<string>(out var text))
        {
            lock (createdStages)
            {
                createdStages[text] = apiId;
            }
        }

        return exchange;
    }

    public Task<HttpExchange> CreateStageOnMissingParentAsync(JsonObject body) =>
        client.SendAsync(HttpMethod.Post, $"/v2/apis/{AdapterCalls.RandomId(10)}/stages", body);

    public Task<HttpExchange> GetStageAsync(string name, TargetClient? via = null) =>
        (via ?? client).SendAsync(HttpMethod.Get, StagePath(ApiOf(name), name));

    /// <summary>
    /// Walks every page of both APIs. Returns the first answer that is not a page (a 429, a 404...),
    /// else the HTTP API's last page; <see cref="StageNamesOf"/> on it gives every name the walk saw.
    /// </summary>
    public async Task<HttpExchange> ListStagesAsync(TargetClient? via = null, bool retryThrottled = true)
    {
        var names = new List<string>();
        var http = await WalkAsync(HttpApiId, via, retryThrottled, names);
        if (http.Status != 200)
        {
            return http;
        }

        var webSocket = await WalkAsync(WebSocketApiId, via, retryThrottled, names);
        if (webSocket.Status != 200)
        {
            return webSocket;
        }

        walkedNames.AddOrUpdate(http, names);
        return http;
    }

    /// <summary>One GetStages page of the HTTP API; the query is sent as given, so a check can send what is not valid.</summary>
    public Task<HttpExchange> GetStagesPageAsync(string query) =>
        client.SendAsync(HttpMethod.Get, $"/v2/apis/{HttpApiId}/stages" + (query.Length == 0 ? "" : "?" + query));

    private async Task<HttpExchange> WalkAsync(string apiId, TargetClient? via, bool retryThrottled, List<string> names)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (var page = 0; ; page++)
        {
            var query = token is null ? "" : "?nextToken=" + Uri.EscapeDataString(token);
            var exchange = await (via ?? client).SendAsync(HttpMethod.Get, $"/v2/apis/{apiId}/stages{query}", retryThrottled: retryThrottled);
            if (exchange.Status != 200)
            {
                return exchange;
            }

            var json = exchange.ResponseJson();
            foreach (var name in ItemNames(json))
            {
                names.Add(name);
                lock (listedStages)
                {
                    listedStages[name] = apiId;
                }
            }

            token = json?["nextToken"] is JsonValue next && next.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
            if (token is null || !seenTokens.Add(token) || page >= MaxPages)
            {
                return exchange;
            }
        }
    }

    public async Task<HttpExchange> DeleteStageAsync(string name)
    {
        var exchange = await client.SendAsync(HttpMethod.Delete, StagePath(ApiOf(name), name));
        if (exchange.Status is >= 200 and < 300 or 404)
        {
            lock (createdStages)
            {
                createdStages.Remove(name);
            }
        }

        return exchange;
    }

    public JsonNode? StageOf(HttpExchange exchange) => exchange.ResponseJson();

    public IReadOnlyList<string> StageNamesOf(HttpExchange listExchange) =>
        walkedNames.TryGetValue(listExchange, out var names) ? names : ItemNames(listExchange.ResponseJson());

    public string? ErrorTypeOf(HttpExchange exchange) => AdapterCalls.AwsErrorType(exchange);

    public async Task<IReadOnlyList<string>> CleanupAsync(CancellationToken ct)
    {
        var leftovers = new List<string>();
        KeyValuePair<string, string>[] stages;
        lock (createdStages)
        {
            stages = [.. createdStages];
        }

        foreach (var (stage, apiId) in stages)
        {
            var problem = await AdapterCalls.DeleteQuietlyAsync(client, StagePath(apiId, stage), ct);
            if (problem is not null)
            {
                leftovers.Add($"stage {stage}: {problem}");
            }
        }

        // Deleting an API removes whatever else the run left under it (stages a deviating target kept, routes, the deployment).
        foreach (var (name, id) in new[] { (HttpApiName, httpApiId), (WebSocketApiName, webSocketApiId) })
        {
            if (id is null)
            {
                continue;
            }

            var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/v2/apis/{id}", ct);
            if (problem is not null)
            {
                leftovers.Add($"api {name} ({id}): {problem}");
            }
        }

        httpApiId = null;
        webSocketApiId = null;
        return leftovers;
    }

    /// <summary>Deletes the APIs earlier runs left (named stageconf-&lt;run id&gt; and its -ws twin), and nothing else.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var swept = new List<string>();
        var failed = new List<string>();
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await client.SendReliablyAsync(HttpMethod.Get, "/v2/apis" + (token is null ? "" : "?nextToken=" + Uri.EscapeDataString(token)), ct: ct);
            var json = page.ResponseJson();
            if (page.Status != 200 || json?["items"] is not JsonArray)
            {
                // A list that could not be read is not an empty one: say so rather than "0 left".
                failed.Add($"the APIs could not be listed (GetApis: {page.Summary}): leftovers of earlier runs may remain");
                break;
            }

            foreach (var item in json?["items"]?.AsArray() ?? [])
            {
                var name = item?["name"]?.GetValue<string>();
                var id = item?["apiId"]?.GetValue<string>();
                if (name is null || id is null || id == httpApiId || id == webSocketApiId
                    || !RunNaming.IsSuiteResource(name.EndsWith("-ws", StringComparison.Ordinal) ? name[..^3] : name))
                {
                    continue;
                }

                var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/v2/apis/{id}", ct);
                (problem is null ? swept : failed).Add(problem is null ? $"api {name} ({id})" : $"api {name} ({id}): {problem}");
            }

            token = json?["nextToken"]?.GetValue<string>();
        }
        while (token is not null && seen.Add(token));

        return new SweepResult(swept, failed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string ApiOf(string name)
    {
        lock (createdStages)
        {
            if (createdStages.TryGetValue(name, out var created))
            {
                return created;
            }
        }

        lock (listedStages)
        {
            return listedStages.TryGetValue(name, out var listed) ? listed : HttpApiId;
        }
    }

    private static bool Mentions(JsonNode? node, string? value) => value is not null && node switch
    {
        JsonObject o => o.Any(p => Mentions(p.Value, value)),
        JsonArray a => a.Any(i => Mentions(i, value)),
        JsonValue v => v.TryGetValue<string>(out var text) && text == value,
        _ => false,
    };

    /// <summary>Stage names travel percent-encoded in paths: $default as %24default.</summary>
    private static string StagePath(string apiId, string name) => $"/v2/apis/{apiId}/stages/{Uri.EscapeDataString(name)}";

    private static IReadOnlyList<string> ItemNames(JsonNode? page) =>
        page?["items"] is JsonArray items
            ? items.Select(i => i?["stageName"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
}
