using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Generation;
using StageConformance.Http;

namespace StageConformance.Dialects.Ncp;

/// <summary>
/// NCP API Gateway: one product (PROTECTED) and one API in it per run; stages under
/// /api/v1/products/{product-id}/apis/{api-id}/stages. The wire names a stage by its stageId, the
/// checks by its stageName: the adapter remembers the id each create answered and otherwise looks
/// the name up in the stage list.
/// </summary>
public sealed class NcpStageApi(TargetClient client, string runId) : IStageApi, IReferenceValues
{
    private const int MaxApiNameLength = 20;

    private readonly Dictionary<string, string> stageIds = new(StringComparer.Ordinal);
    private string? productId;
    private string? apiId;

    public string Dialect => Configuration.DialectNames.Ncp;

    public IReferenceValues References => this;

    public TargetClient Client => client;

    /// <summary>Product and API names carry the run id; an API name has at most 20 characters.</summary>
    public string ResourceName { get; } = Shorten(RunNaming.ParentName(runId), MaxApiNameLength);

    private string ProductPath => "/api/v1/products/" + (productId ?? throw new InvalidOperationException("the product is not provisioned"));

    private string StagesPath => $"{ProductPath}/apis/{apiId ?? throw new InvalidOperationException("the API is not provisioned")}/stages";

    public async Task ProvisionAsync(CancellationToken ct)
    {
        var product = await Expect(client.SendReliablyAsync(HttpMethod.Post, "/api/v1/products",
            new JsonObject { ["productName"] = ResourceName, ["subscriptionCode"] = "PROTECTED", ["description"] = "stage conformance suite run " + runId }, ct),
            "Create product");
        productId = Field(product, "product", "productId");
        var api = await Expect(client.SendReliablyAsync(HttpMethod.Post, ProductPath + "/apis",
            new JsonObject { ["apiName"] = ResourceName, ["apiDescription"] = "stage conformance suite run " + runId }, ct),
            "Create API");
        apiId = Field(api, "api", "apiId");
    }

    public string Existing(string resource) => throw new ArgumentException($"ncp provisions no '{resource}'", nameof(resource));

    public string Missing(string resource) => throw new ArgumentException($"ncp knows no '{resource}'", nameof(resource));

    public async Task<HttpExchange> CreateStageAsync(JsonObject body, SigningMode signing = SigningMode.Signed, TargetClient? via = null)
    {
        var exchange = await (via ?? client).SendAsync(HttpMethod.Post, StagesPath, body, signing);
        if (exchange.Status is >= 200 and < 300
            && body["stageName"] is JsonValue name && name.TryGetValue<string>(out var stageName)
            && Text(StageOf(exchange)?["stageId"]) is { } stageId)
        {
            lock (stageIds)
            {
                // A target that accepts a duplicate name keeps the first stage as the one the checks know.
                stageIds.TryAdd(stageName, stageId);
            }
        }

        return exchange;
    }

    public Task<HttpExchange> CreateStageOnMissingParentAsync(JsonObject body) =>
        client.SendAsync(HttpMethod.Post, $"{ProductPath}/apis/{NeverIssuedId()}/stages", body);

    /// <summary>Create stage under a product id that does not exist (an API id that does not either).</summary>
    public Task<HttpExchange> CreateStageOnMissingProductAsync(JsonObject body) =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/products/{NeverIssuedId()}/apis/{NeverIssuedId()}/stages", body);

    public async Task<HttpExchange> GetStageAsync(string name, TargetClient? via = null) =>
        await (via ?? client).SendAsync(HttpMethod.Get, $"{StagesPath}/{await StageIdAsync(name)}");

    public Task<HttpExchange> ListStagesAsync(TargetClient? via = null, bool retryThrottled = true) =>
        (via ?? client).SendAsync(HttpMethod.Get, StagesPath, retryThrottled: retryThrottled);

    public async Task<HttpExchange> DeleteStageAsync(string name)
    {
        var exchange = await client.SendAsync(HttpMethod.Delete, $"{StagesPath}/{await StageIdAsync(name)}");
        if (exchange.Status is >= 200 and < 300 or 404)
        {
            lock (stageIds)
            {
                stageIds.Remove(name);
            }
        }

        return exchange;
    }

    public JsonNode? StageOf(HttpExchange exchange) => JsonRead.Object(exchange.ResponseJson(), "stage");

    public IReadOnlyList<string> StageNamesOf(HttpExchange listExchange) =>
        Listed(listExchange).Select(s => s.Name).ToList();

    /// <summary>The gateway's errorCode, from either documented error shape, as text.</summary>
    public string? ErrorTypeOf(HttpExchange exchange)
    {
        var body = exchange.ResponseJson() as JsonObject;
        return Text((body?["error"] as JsonObject)?["errorCode"] ?? body?["errorCode"]);
    }

    public async Task<IReadOnlyList<string>> CleanupAsync(CancellationToken ct)
    {
        var leftovers = new List<string>();
        if (productId is null)
        {
            return leftovers;
        }

        if (apiId is not null)
        {
            // Every stage the API still lists goes, also those a deviating target kept or duplicated.
            IEnumerable<(string Name, string Id)> listed;
            try
            {
                listed = Listed(await client.SendReliablyAsync(HttpMethod.Get, StagesPath, ct: ct)).ToList();
            }
            catch (TargetFaultException e)
            {
                leftovers.Add($"stages of API {ResourceName} ({apiId}): could not list them: {e.Message}");
                listed = [];
            }

            foreach (var (name, id) in listed)
            {
                if (await AdapterCalls.DeleteQuietlyAsync(client, $"{StagesPath}/{id}", ct) is { } problem)
                {
                    leftovers.Add($"stage {name} ({id}): {problem}");
                }
            }

            if (await AdapterCalls.DeleteQuietlyAsync(client, $"{ProductPath}/apis/{apiId}", ct) is { } apiProblem)
            {
                leftovers.Add($"API {ResourceName} ({apiId}): {apiProblem}");
            }
        }

        if (await AdapterCalls.DeleteQuietlyAsync(client, ProductPath, ct) is { } productProblem)
        {
            leftovers.Add($"product {ResourceName} ({productId}): {productProblem}");
        }

        productId = null;
        apiId = null;
        return leftovers;
    }

    /// <summary>
    /// The sources here document no call that lists products (ncp-notes.md), so a sweep cannot find
    /// what a killed run left without guessing an API; it says so instead (docs/DECISIONS.md N14).
    /// </summary>
    public Task<SweepResult> SweepAsync(CancellationToken ct) =>
        Task.FromResult(new SweepResult(
            [],
            [$"ncp: no documented call lists products, so leftovers cannot be found; delete products named {RunNaming.Prefix}<run id> in the console (each run prints its run id)"]));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The id the checks' stage name stands for: the one its create answered, else the one the list
    /// shows, else an id never issued, so the target itself answers for a stage that does not exist.
    /// </summary>
    private async Task<string> StageIdAsync(string name)
    {
        lock (stageIds)
        {
            if (stageIds.TryGetValue(name, out var known))
            {
                return known;
            }
        }

        var list = await client.SendAsync(HttpMethod.Get, StagesPath);
        return Listed(list).Where(s => s.Name == name).Select(s => s.Id).FirstOrDefault() ?? NeverIssuedId();
    }

    private static IEnumerable<(string Name, string Id)> Listed(HttpExchange listExchange) =>
        JsonRead.Array(listExchange.ResponseJson(), "stages")
            .Select(s => (Name: Text(JsonRead.Member(s, "stageName")), Id: Text(JsonRead.Member(s, "stageId"))))
            .Where(s => s.Name is not null && s.Id is not null)
            .Select(s => (s.Name!, s.Id!));

    private static string? Text(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static async Task<HttpExchange> Expect(Task<HttpExchange> call, string operation)
    {
        // Provisioning is not judged: any success will do (the documents give no per-operation code).
        var exchange = await call;
        return exchange.Status is >= 200 and < 300 ? exchange
            : exchange.Status == 404 && Text(exchange.ResponseJson()?["error"]?["errorCode"] ?? exchange.ResponseJson()?["errorCode"]) == NoTenantCode
                ? throw new ProvisioningException($"{operation} answered 404 with error code {NoTenantCode}: this NCP account has no API Gateway tenant; subscribe to API Gateway in the NCP console, then run again (a setup problem, not a verdict)")
            : throw new ProvisioningException($"{operation} answered {exchange.Status}: {AdapterCalls.Truncate(exchange.ResponseBody)}");
    }

    /// <summary>NCP's answer on the management API for an account without an API Gateway tenant (docs/DECISIONS.md N15).</summary>
    private const string NoTenantCode = "10008";

    private static string Field(HttpExchange exchange, string envelope, string name) =>
        Text(JsonRead.Member(JsonRead.Member(exchange.ResponseJson(), envelope), name))
        ?? throw new ProvisioningException($"{exchange.Summary}: the response has no '{envelope}.{name}'");

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>NCP ids are 10 lowercase alphanumerics; "zz" and 8 random ones is an id no target issued to this run.</summary>
    private static string NeverIssuedId() => "zz" + AdapterCalls.RandomId(8);
}
