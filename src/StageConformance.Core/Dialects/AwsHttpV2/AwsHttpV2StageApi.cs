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

    private const string HttpApiResource = "HTTP API";
    private const string WebSocketApiResource = "WebSocket API";
    private const string DeploymentResource = "deployment";
    private const string PaginationApiResource = "HTTP API for the pagination check";

    /// <summary>Stands for the deployment in generated requests when the target could not make one; such a request is not sent.</summary>
    private const string NoDeployment = "stageconf-no-deployment";

    /// <summary>Every API id an answer of this run named, whatever its status: all are deleted at the end.</summary>
    private readonly List<string> apiIds = [];
    private readonly SemaphoreSlim paginationGate = new(1, 1);

    private string? httpApiId;
    private string? webSocketApiId;
    private string? deploymentId;
    private string? paginationApiId;

    public string Dialect => Configuration.DialectNames.AwsHttpV2;

    public IReferenceValues References => this;

    public TargetClient Client => client;

    public string HttpApiName => RunNaming.ParentName(runId);

    public string WebSocketApiName => RunNaming.ParentName(runId) + "-ws";

    public RunLedger Ledger { get; } = new();

    public string HttpApiId => Ledger.Require(HttpApiResource, httpApiId);

    private string WebSocketApiId => Ledger.Require(WebSocketApiResource, webSocketApiId);

    /// <summary>
    /// Makes the HTTP API (a route, a deployment) and the WebSocket API (a route). What the target
    /// refuses is noted; only the checks that need the missing resource stop.
    /// </summary>
    public async Task ProvisionAsync(CancellationToken ct)
    {
        try
        {
            httpApiId = await CreateApiAsync(new JsonObject { ["name"] = HttpApiName, ["protocolType"] = "HTTP", ["description"] = "stage conformance suite run " + runId }, "CreateApi (HTTP)", ct);
            await RouteAsync(httpApiId, "CreateRoute (HTTP)", ct);

            // An HTTP API deploys only with a route (aws-behavior.md: "Unable to deploy API because no routes exist in this API").
            try
            {
                var deployment = await AdapterCalls.Provision(Ledger, client.SendReliablyAsync(HttpMethod.Post, $"/v2/apis/{httpApiId}/deployments",
                    new JsonObject { ["description"] = "stageconf " + runId }, ct), 201, "CreateDeployment (HTTP)");
                deploymentId = AdapterCalls.Field(deployment, "deploymentId", "CreateDeployment (HTTP)");
            }
            catch (ProvisioningException e)
            {
                Ledger.MarkUnavailable(DeploymentResource, e);
            }
        }
        catch (ProvisioningException e)
        {
            Ledger.MarkUnavailable(HttpApiResource, e);
            Ledger.MarkUnavailable(DeploymentResource, new ProvisioningException("no HTTP API to deploy: " + e.Message, e.MissingOperation));
        }

        try
        {
            webSocketApiId = await CreateApiAsync(new JsonObject
            {
                ["name"] = WebSocketApiName,
                ["protocolType"] = "WEBSOCKET",
                ["routeSelectionExpression"] = "$request.body.action",
                ["description"] = "stage conformance suite run " + runId,
            }, "CreateApi (WEBSOCKET)", ct);
            await RouteAsync(webSocketApiId, "CreateRoute (WEBSOCKET)", ct);
        }
        catch (ProvisioningException e)
        {
            Ledger.MarkUnavailable(WebSocketApiResource, e);
        }
    }

    /// <summary>CreateApi; the id of any answer is kept for cleanup, whatever its status.</summary>
    private async Task<string> CreateApiAsync(JsonObject body, string operation, CancellationToken ct)
    {
        var answer = await AdapterCalls.Provision(Ledger, Track(client.SendReliablyAsync(HttpMethod.Post, "/v2/apis", body, ct)), 201, operation);
        return AdapterCalls.Field(answer, "apiId", operation);
    }

    private async Task RouteAsync(string apiId, string operation, CancellationToken ct)
    {
        try
        {
            await AdapterCalls.Provision(Ledger, client.SendReliablyAsync(HttpMethod.Post, $"/v2/apis/{apiId}/routes", new JsonObject { ["routeKey"] = RouteKey }, ct), 201, operation);
        }
        catch (ProvisioningException e)
        {
            // Stages need no route; only a deployment of an HTTP API does, and its own answer tells.
            Ledger.Observe(operation, $"the {RouteKey} route was not made: {e.Message}");
        }
    }

    private async Task<HttpExchange> Track(Task<HttpExchange> call)
    {
        var answer = await call;
        if (JsonRead.String(answer.ResponseJson(), "apiId") is { } id)
        {
            lock (apiIds)
            {
                if (!apiIds.Contains(id))
                {
                    apiIds.Add(id);
                }
            }
        }

        return answer;
    }

    /// <summary>
    /// A second HTTP API of the run's name, made on first use, for the pagination check alone: it
    /// judges every stage listed, so no stage another check left (one a target wrongly kept) may be there.
    /// </summary>
    public async Task<string> PaginationApiIdAsync()
    {
        await paginationGate.WaitAsync();
        try
        {
            if (paginationApiId is null && !Ledger.IsUnavailable(PaginationApiResource))
            {
                try
                {
                    paginationApiId = await CreateApiAsync(new JsonObject
                    {
                        ["name"] = HttpApiName,
                        ["protocolType"] = "HTTP",
                        ["description"] = "stage conformance suite run " + runId + ": pagination",
                    }, "CreateApi (HTTP, pagination)", CancellationToken.None);
                }
                catch (ProvisioningException e)
                {
                    Ledger.MarkUnavailable(PaginationApiResource, e);
                }
            }

            return Ledger.Require(PaginationApiResource, paginationApiId);
        }
        finally
        {
            paginationGate.Release();
        }
    }

    public string Existing(string resource) => resource switch
    {
        DeploymentResource => deploymentId ?? (Ledger.IsUnavailable(DeploymentResource) ? NoDeployment : throw new InvalidOperationException("no deployment is provisioned")),
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

    /// <summary>CreateStage under the given API (the pagination check's own).</summary>
    public Task<HttpExchange> CreateStageOnAsync(string apiId, JsonObject body) => CreateStageUnderAsync(apiId, body, SigningMode.Signed, null);

    private async Task<HttpExchange> CreateStageUnderAsync(string apiId, JsonObject body, SigningMode signing, TargetClient? via)
    {
        if (Mentions(body, NoDeployment))
        {
            Ledger.Require(DeploymentResource, null);
        }

        var exchange = await (via ?? client).SendAsync(HttpMethod.Post, $"/v2/apis/{apiId}/stages", body, signing);

        // Whatever the status: a stage an answer names, or a name sent and accepted, is deleted at the end.
        var named = JsonRead.String(exchange.ResponseJson(), "stageName");
        var sent = exchange.Status is >= 200 and < 300 ? JsonRead.String(body, "stageName") : null;
        lock (createdStages)
        {
            foreach (var name in new[] { named, sent }.OfType<string>())
            {
                createdStages[name] = apiId;
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

    /// <summary>One GetStages page of an API (the HTTP API unless named); the query is sent as given, so a check can send what is not valid.</summary>
    public Task<HttpExchange> GetStagesPageAsync(string query, string? apiId = null) =>
        client.SendAsync(HttpMethod.Get, $"/v2/apis/{apiId ?? HttpApiId}/stages" + (query.Length == 0 ? "" : "?" + query));

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

            token = JsonRead.String(json, "nextToken") is { Length: > 0 } text ? text : null;
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

    public JsonNode? StageOf(HttpExchange exchange) => exchange.ResponseObject();

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
            var problem = await AdapterCalls.DeleteQuietlyAsync(client, StagePath(apiId, stage), ct, Ledger, "DeleteStage", 204);
            if (problem is not null)
            {
                leftovers.Add($"stage {stage}: {problem}");
            }
        }

        // Deleting an API removes whatever else the run left under it (stages a deviating target kept, routes, the deployment).
        string[] apis;
        lock (apiIds)
        {
            apis = [.. apiIds];
        }

        foreach (var id in apis)
        {
            var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/v2/apis/{id}", ct, Ledger, "DeleteApi", 204);
            if (problem is not null)
            {
                leftovers.Add($"api {NameOf(id)} ({id}): {problem}");
            }
        }

        httpApiId = null;
        webSocketApiId = null;
        paginationApiId = null;
        return leftovers;
    }

    /// <summary>
    /// The APIs of this run the target still shows: each id an answer named, read back one by one
    /// (404 is gone), and any of this run's names a listing shows (an API whose create answered no id).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ReadBackAsync(CancellationToken ct)
    {
        List<string> ids;
        lock (apiIds)
        {
            ids = [.. apiIds];
        }

        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await client.SendReliablyAsync(HttpMethod.Get, "/v2/apis" + (token is null ? "" : "?nextToken=" + Uri.EscapeDataString(token)), ct: ct);
            ids.AddRange(JsonRead.Array(page.ResponseJson(), "items")
                .Where(item => JsonRead.String(item, "name") is { } name && (name == HttpApiName || name == WebSocketApiName))
                .Select(item => JsonRead.String(item, "apiId")).OfType<string>().Where(id => !ids.Contains(id)));
            token = page.Status == 200 ? JsonRead.String(page.ResponseJson(), "nextToken") : null;
        }
        while (token is not null && seen.Add(token));

        var left = new List<string>();
        foreach (var id in ids)
        {
            var api = await client.SendReliablyAsync(HttpMethod.Get, $"/v2/apis/{id}", ct: ct);
            if (api.Status == 404)
            {
                continue;
            }

            if (api.Status is < 200 or >= 300)
            {
                left.Add($"api {id}: cannot tell whether it is gone: {Verdicts.Short(api)}");
                continue;
            }

            var names = ItemNames((await client.SendReliablyAsync(HttpMethod.Get, $"/v2/apis/{id}/stages", ct: ct)).ResponseJson());
            left.Add($"api {JsonRead.String(api.ResponseJson(), "name") ?? NameOf(id)} ({id})" + (names.Count == 0 ? "" : " with stage(s) " + string.Join(", ", names)));
        }

        return left;
    }

    private string NameOf(string apiId) => apiId == webSocketApiId ? WebSocketApiName : HttpApiName;

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

            foreach (var item in JsonRead.Array(json, "items"))
            {
                var name = JsonRead.String(item, "name");
                var id = JsonRead.String(item, "apiId");
                if (name is null || id is null || id == httpApiId || id == webSocketApiId || id == paginationApiId
                    || !RunNaming.IsSuiteResource(name.EndsWith("-ws", StringComparison.Ordinal) ? name[..^3] : name))
                {
                    continue;
                }

                var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/v2/apis/{id}", ct);
                (problem is null ? swept : failed).Add(problem is null ? $"api {name} ({id})" : $"api {name} ({id}): {problem}");
            }

            token = JsonRead.String(json, "nextToken");
        }
        while (token is not null && seen.Add(token));

        return new SweepResult(swept, failed);
    }

    public ValueTask DisposeAsync()
    {
        paginationGate.Dispose();
        return ValueTask.CompletedTask;
    }

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

    /// <summary>Every name listed, a name that is not a string as its JSON text (so a check can tell it is there).</summary>
    private static IReadOnlyList<string> ItemNames(JsonNode? page) =>
        [.. JsonRead.Array(page, "items").Select(i => JsonRead.NameMember(i, "stageName")).OfType<string>()];
}
