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
        var api = await Expect(client.SendReliablyAsync(HttpMethod.Post, "/restapis",
            new JsonObject
            {
                ["name"] = RestApiName,
                ["description"] = "stage conformance suite run " + runId,
                ["tags"] = new JsonObject { [RunNaming.TagKey] = runId },
            }, ct), 201, "CreateRestApi");
        restApiId = Field(api, "id");

        var resources = await Expect(client.SendReliablyAsync(HttpMethod.Get, $"/restapis/{restApiId}/resources", ct: ct), 200, "GetResources");
        var rootId = resources.ResponseJson()?["item"]?.AsArray()
            .FirstOrDefault(r => r?["path"]?.GetValue<string>() == "/")?["id"]?.GetValue<string>()
            ?? throw new ProvisioningException("GetResources returned no root resource: " + resources.Summary);

        await Expect(client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{restApiId}/resources/{rootId}/methods/GET",
            new JsonObject { ["authorizationType"] = "NONE" }, ct), 201, "PutMethod");
        await Expect(client.SendReliablyAsync(HttpMethod.Put, $"/restapis/{restApiId}/resources/{rootId}/methods/GET/integration",
            new JsonObject
            {
                ["type"] = "MOCK",
                ["requestTemplates"] = new JsonObject { ["application/json"] = "{\"statusCode\": 200}" },
            }, ct), 201, "PutIntegration");
        var deployment = await Expect(CreateDeploymentAsync(new JsonObject { ["description"] = "stageconf " + runId }, ct, reliably: true), 201, "CreateDeployment");
        deploymentId = Field(deployment, "id");
    }

    public string Existing(string resource) => resource switch
    {
        "deployment" => deploymentId ?? throw new InvalidOperationException("no deployment is provisioned"),
        _ => throw new ArgumentException($"aws-rest-v1 provisions no '{resource}'", nameof(resource)),
    };

    public string Missing(string resource) => resource switch
    {
        "deployment" => "zz" + SettingsFreeId(8),
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
        client.SendAsync(HttpMethod.Post, $"/restapis/{SettingsFreeId(10)}/stages", body);

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

    public string? ErrorTypeOf(HttpExchange exchange)
    {
        var header = exchange.ResponseHeader("x-amzn-ErrorType");
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // The header may carry a Coral namespace after a colon; clients cut there.
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? header[..colon] : header;
    }

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
            var deleted = await DeleteQuietlyAsync($"/restapis/{restApiId}/stages/{Uri.EscapeDataString(stage)}", ct);
            if (deleted is not null)
            {
                leftovers.Add($"stage {stage}: {deleted}");
            }
        }

        // Deleting the rest api removes whatever else the run left under it (stages a deviating target kept, the deployment).
        var api = await DeleteQuietlyAsync($"/restapis/{restApiId}", ct);
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

            var problem = await DeleteQuietlyAsync($"/restapis/{id}", ct);
            (problem is null ? swept : failed).Add(problem is null ? $"rest api {name} ({id})" : $"rest api {name} ({id}): {problem}");
        }

        return new SweepResult(swept, failed);
    }

    /// <summary>A delete for cleanup: faults are retried; the answer is null when the thing is gone.</summary>
    private async Task<string?> DeleteQuietlyAsync(string path, CancellationToken ct)
    {
        try
        {
            var deleted = await client.SendReliablyAsync(HttpMethod.Delete, path, ct: ct);
            return deleted.Status is 202 or 204 or 404 ? null : deleted.Summary;
        }
        catch (TargetFaultException e)
        {
            return e.Message;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<HttpExchange> Expect(Task<HttpExchange> call, int status, string operation)
    {
        var exchange = await call;
        return exchange.Status == status
            ? exchange
            : throw new ProvisioningException($"{operation} answered {exchange.Status}, expected {status}: {Truncate(exchange.ResponseBody)}");
    }

    private static string Field(HttpExchange exchange, string name) =>
        exchange.ResponseJson()?[name]?.GetValue<string>()
        ?? throw new ProvisioningException($"{exchange.Summary}: the response has no '{name}'");

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;

    private static string SettingsFreeId(int length) =>
        string.Create(length, Random.Shared, static (span, random) =>
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[random.Next(alphabet.Length)];
            }
        });
}
