using System.Text.Json.Nodes;
using StageConformance.Generation;
using StageConformance.Http;

namespace StageConformance.Dialects.AwsRestV1;

/// <summary>
/// REST APIs (v1): one rest api and one deployment per run, plus one for canaries when a canary check asks;
/// stages under /restapis/{id}/stages. CreateDeployment calls are at least <paramref name="deploymentSpacing"/>
/// apart (AWS allows one every 5 seconds).
/// </summary>
public sealed partial class AwsRestV1StageApi(TargetClient client, string runId, TimeSpan deploymentSpacing) : IStageApi, IReferenceValues
{
    private const string RestApiResource = "rest api";
    private const string DeploymentResource = "deployment";

    private readonly HashSet<string> createdStages = new(StringComparer.Ordinal);

    /// <summary>Every rest api id an answer of this run named, whatever its status: all are deleted at the end.</summary>
    private readonly List<string> restApiIds = [];
    private string? restApiId;
    private string? deploymentId;

    public string Dialect => Configuration.DialectNames.AwsRestV1;

    public IReferenceValues References => this;

    public TargetClient Client => client;

    public RunLedger Ledger { get; } = new();

    public string RestApiName => RunNaming.ParentName(runId);

    private string RestApiId => Ledger.Require(RestApiResource, restApiId);

    /// <summary>
    /// Makes a rest api with one MOCK GET method and deploys it. What the target refuses is noted, and
    /// only the checks that need the missing resource stop; a step that is refused is still followed by the rest.
    /// </summary>
    public async Task ProvisionAsync(CancellationToken ct)
    {
        try
        {
            var call = client.SendReliablyAsync(HttpMethod.Post, "/restapis",
                new JsonObject
                {
                    ["name"] = RestApiName,
                    ["description"] = "stage conformance suite run " + runId,
                    ["tags"] = new JsonObject { [RunNaming.TagKey] = runId },
                }, ct);
            var api = await AdapterCalls.Provision(Ledger, Track(call), 201, "CreateRestApi");
            restApiId = AdapterCalls.Field(api, "id", "CreateRestApi");
        }
        catch (ProvisioningException e)
        {
            Ledger.MarkUnavailable(RestApiResource, e);
            Ledger.MarkUnavailable(DeploymentResource, new ProvisioningException("no rest api to deploy: " + e.Message, e.MissingOperation));
            return;
        }

        try
        {
            await MockMethodAsync(restApiId, ct);
        }
        catch (ProvisioningException e)
        {
            // A target may deploy an api without methods; the deployment says whether it does.
            Ledger.Observe("PutMethod", "the GET method was not made, so the deployment may be refused: " + e.Message);
        }

        try
        {
            var deployment = await AdapterCalls.Provision(Ledger, CreateDeploymentAsync(new JsonObject { ["description"] = "stageconf " + runId }, ct, reliably: true), 201, "CreateDeployment");
            deploymentId = AdapterCalls.Field(deployment, "id", "CreateDeployment");
        }
        catch (ProvisioningException e)
        {
            Ledger.MarkUnavailable(DeploymentResource, e);
        }
    }

    private async Task MockMethodAsync(string apiId, CancellationToken ct)
    {
        var resources = await AdapterCalls.Provision(Ledger, client.SendReliablyAsync(HttpMethod.Get, $"/restapis/{apiId}/resources", ct: ct), 200, "GetResources");
        var rootId = JsonRead.Array(resources.ResponseJson(), "item").FirstOrDefault(r => JsonRead.String(r, "path") == "/") is { } root
            ? JsonRead.String(root, "id") : null;
        rootId ??= JsonRead.String(resources.ResponseJson(), "rootResourceId")
            ?? throw new ProvisioningException("GetResources named no root resource: " + Verdicts.Short(resources));

        await AdapterCalls.Provision(Ledger, client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{apiId}/resources/{rootId}/methods/GET",
            new JsonObject { ["authorizationType"] = "NONE" }, ct), 201, "PutMethod");
        await AdapterCalls.Provision(Ledger, client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{apiId}/resources/{rootId}/methods/GET/integration",
            new JsonObject
            {
                ["type"] = "MOCK",
                ["requestTemplates"] = new JsonObject { ["application/json"] = "{\"statusCode\": 200}" },
            }, ct), 201, "PutIntegration");
    }

    /// <summary>Remembers the rest api id an answer names, whatever its status, so cleanup deletes it.</summary>
    private async Task<HttpExchange> Track(Task<HttpExchange> call)
    {
        var answer = await call;
        if (JsonRead.String(answer.ResponseJson(), "id") is { } id)
        {
            lock (restApiIds)
            {
                if (!restApiIds.Contains(id))
                {
                    restApiIds.Add(id);
                }
            }
        }

        return answer;
    }

    public string Existing(string resource) => resource switch
    {
        DeploymentResource => Ledger.Require(DeploymentResource, deploymentId),
        _ => throw new ArgumentException($"aws-rest-v1 provisions no '{resource}'", nameof(resource)),
    };

    public string Missing(string resource) => resource switch
    {
        "deployment" => "zz" + AdapterCalls.RandomId(8),
        _ => throw new ArgumentException($"aws-rest-v1 knows no '{resource}'", nameof(resource)),
    };

    public async Task<HttpExchange> CreateStageAsync(JsonObject body, SigningMode signing = SigningMode.Signed, TargetClient? via = null)
    {
        var exchange = await (via ?? client).SendAsync(HttpMethod.Post, $"/restapis/{RestApiId}/stages", body, signing);

        // Whatever the status: a stage an answer names, or a name sent and accepted, is deleted at the end.
        var named = JsonRead.String(exchange.ResponseJson(), "stageName");
        var sent = exchange.Status is >= 200 and < 300 ? JsonRead.String(body, "stageName") : null;
        lock (createdStages)
        {
            foreach (var name in new[] { named, sent }.OfType<string>())
            {
                createdStages.Add(name);
            }
        }

        return exchange;
    }

    public Task<HttpExchange> CreateStageOnMissingParentAsync(JsonObject body) =>
        client.SendAsync(HttpMethod.Post, $"/restapis/{AdapterCalls.RandomId(10)}/stages", body);

    public Task<HttpExchange> GetStageAsync(string name, TargetClient? via = null) =>
        (via ?? client).SendAsync(HttpMethod.Get, $"/restapis/{RestApiId}/stages/{Uri.EscapeDataString(name)}");

    public Task<HttpExchange> ListStagesAsync(TargetClient? via = null, bool retryThrottled = true) =>
        (via ?? client).SendAsync(HttpMethod.Get, $"/restapis/{RestApiId}/stages", retryThrottled: retryThrottled);

    public async Task<HttpExchange> DeleteStageAsync(string name)
    {
        var exchange = await client.SendAsync(HttpMethod.Delete, $"/restapis/{RestApiId}/stages/{Uri.EscapeDataString(name)}");
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

    /// <summary>Every name listed, a name that is not a string as its JSON text (so a check can tell it is there).</summary>
    public IReadOnlyList<string> StageNamesOf(HttpExchange listExchange) =>
        [.. JsonRead.Array(listExchange.ResponseJson(), "item").Select(i => JsonRead.NameMember(i, "stageName")).OfType<string>()];

    public string? ErrorTypeOf(HttpExchange exchange) => AdapterCalls.AwsErrorType(exchange);

    public async Task<IReadOnlyList<string>> CleanupAsync(CancellationToken ct)
    {
        var leftovers = new List<string>();
        string[] stages;
        lock (createdStages)
        {
            stages = [.. createdStages];
        }

        if (restApiId is not null)
        {
            foreach (var stage in stages)
            {
                var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/restapis/{restApiId}/stages/{Uri.EscapeDataString(stage)}", ct, Ledger, "DeleteStage", 202);
                if (problem is not null)
                {
                    leftovers.Add($"stage {stage}: {problem}");
                }
            }
        }

        // Deleting a rest api removes whatever else the run left under it (stages a deviating target kept, the deployment).
        string[] apis;
        lock (restApiIds)
        {
            apis = [.. restApiIds];
        }

        foreach (var id in apis)
        {
            var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/restapis/{id}", ct, Ledger, "DeleteRestApi", 202);
            if (problem is not null)
            {
                leftovers.Add($"rest api {RestApiName} ({id}): {problem}");
            }
        }

        restApiId = null;
        return leftovers;
    }

    /// <summary>
    /// The rest apis of this run the target still shows: each id an answer named, read back one by one
    /// (404 is gone), and any of this run's name a listing shows (an API whose create answered no id).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ReadBackAsync(CancellationToken ct)
    {
        List<string> ids;
        lock (restApiIds)
        {
            ids = [.. restApiIds];
        }

        var list = await client.SendReliablyAsync(HttpMethod.Get, "/restapis?limit=500", ct: ct);
        ids.AddRange(JsonRead.Array(list.ResponseJson(), "item")
            .Where(item => JsonRead.String(item, "name") == RestApiName)
            .Select(item => JsonRead.String(item, "id")).OfType<string>().Where(id => !ids.Contains(id)));

        var left = new List<string>();
        foreach (var id in ids)
        {
            var api = await client.SendReliablyAsync(HttpMethod.Get, $"/restapis/{id}", ct: ct);
            if (api.Status == 404)
            {
                continue;
            }

            if (api.Status is < 200 or >= 300)
            {
                left.Add($"rest api {id}: cannot tell whether it is gone: {Verdicts.Short(api)}");
                continue;
            }

            var names = StageNamesOf(await client.SendReliablyAsync(HttpMethod.Get, $"/restapis/{id}/stages", ct: ct));
            left.Add($"rest api {RestApiName} ({id})" + (names.Count == 0 ? "" : " with stage(s) " + string.Join(", ", names)));
        }

        return left;
    }

    /// <summary>Deletes the rest apis earlier runs left (named stageconf-&lt;run id&gt;), and nothing else.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var list = await client.SendReliablyAsync(HttpMethod.Get, "/restapis?limit=500", ct: ct);
        var swept = new List<string>();
        var failed = new List<string>();
        foreach (var item in JsonRead.Array(list.ResponseJson(), "item"))
        {
            var name = JsonRead.String(item, "name");
            var id = JsonRead.String(item, "id");
            if (name is null || id is null || !RunNaming.IsSuiteResource(name) || id == restApiId)
            {
                continue;
            }

            var problem = await AdapterCalls.DeleteQuietlyAsync(client, $"/restapis/{id}", ct);
            (problem is null ? swept : failed).Add(problem is null ? $"rest api {name} ({id})" : $"rest api {name} ({id}): {problem}");
        }

        return new SweepResult(swept, failed);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
