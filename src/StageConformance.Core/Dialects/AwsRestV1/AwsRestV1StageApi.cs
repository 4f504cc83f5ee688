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
    private readonly HashSet<string> createdStages = new(StringComparer.Ordinal);
    private string? restApiId;
    private string? deploymentId;

    public string Dialect => Configuration.DialectNames.AwsRestV1;

    public IReferenceValues References => this;

    public TargetClient Client => client;

    public string RestApiName => RunNaming.ParentName(runId);

    private string RestApiId => restApiId ?? throw new InvalidOperationException("the rest api is not provisioned");

    public async Task ProvisionAsync(CancellationToken ct)
    {
        var api = await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Post, "/restapis",
            new JsonObject
            {
                ["name"] = RestApiName,
                ["description"] = "stage conformance suite run " + runId,
                ["tags"] = new JsonObject { [RunNaming.TagKey] = runId },
            }, ct), 201, "CreateRestApi");
        restApiId = AdapterCalls.Field(api, "id");

        var resources = await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Get, $"/restapis/{restApiId}/resources", ct: ct), 200, "GetResources");
        var rootId = resources.ResponseJson()?["item"]?.AsArray()
            .FirstOrDefault(r => r?["path"]?.GetValue<string>() == "/")?["id"]?.GetValue<string>()
            ?? throw new ProvisioningException("GetResources returned no root resource: " + resources.Summary);

        await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{restApiId}/resources/{rootId}/methods/GET",
            new JsonObject { ["authorizationType"] = "NONE" }, ct), 201, "PutMethod");
        await AdapterCalls.Expect(client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{restApiId}/resources/{rootId}/methods/GET/integration",
            new JsonObject
            {
                ["type"] = "MOCK",
                ["requestTemplates"] = new JsonObject { ["application/json"] = "{\"statusCode\": 200}" },
            }, ct), 201, "PutIntegration");
        var deployment = await AdapterCalls.Expect(CreateDeploymentAsync(new JsonObject { ["description"] = "stageconf " + runId }, ct, reliably: true), 201, "CreateDeployment");
        deploymentId = AdapterCalls.Field(deployment, "id");
    }

    public string Existing(string resource) => resource switch
    {
        "deployment" => deploymentId ?? throw new InvalidOperationException("no deployment is provisioned"),
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
        if (exchange.Status is >= 200 and < 300 && body["stageName"] is JsonValue name && name.TryGetValue<string>(out var text))
        {
            lock (createdStages)
            {
                createdStages.Add(text);
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
        if (exchange.Status is 202 or 404)
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
        listExchange.ResponseJson()?["item"] is JsonArray items
            ? items.Select(i => i?["stageName"]?.GetValue<string>()).OfType<string>().ToList()
            : [];

    public string? ErrorTypeOf(HttpExchange exchange) => AdapterCalls.AwsErrorType(exchange);

    public async Task<IReadOnlyList<string>> CleanupAsync(CancellationToken ct)
    {
        var leftovers = new List<string>();
        if (restApiId is null)
        {
            return leftovers;
        }

        string[] stages;
        lock (createdStages)
        {
            stages = [.. createdStages];
        }

        foreach (var stage in stages)
        {
            var deleted = await AdapterCalls.DeleteQuietlyAsync(client, $"/restapis/{restApiId}/stages/{Uri.EscapeDataString(stage)}", ct);
            if (deleted is not null)
            {
                leftovers.Add($"stage {stage}: {deleted}");
            }
        }

        // Deleting the rest api removes whatever else the run left under it (stages a deviating target kept, the deployment).
        var api = await AdapterCalls.DeleteQuietlyAsync(client, $"/restapis/{restApiId}", ct);
        if (api is not null)
        {
            leftovers.Add($"rest api {RestApiName} ({restApiId}): {api}");
        }

        restApiId = null;
        return leftovers;
    }

    /// <summary>Deletes the rest apis earlier runs left (named stageconf-&lt;run id&gt;), and nothing else.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken ct)
    {
        var list = await client.SendReliablyAsync(HttpMethod.Get, "/restapis?limit=500", ct: ct);
        var swept = new List<string>();
        var failed = new List<string>();
        foreach (var item in list.ResponseJson()?["item"]?.AsArray() ?? [])
        {
            var name = item?["name"]?.GetValue<string>();
            var id = item?["id"]?.GetValue<string>();
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
