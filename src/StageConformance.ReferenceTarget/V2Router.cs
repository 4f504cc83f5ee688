namespace StageConformance.ReferenceTarget;

/// <summary>The /v2/apis operations (HTTP and WebSocket APIs), served beside the v1 ones as AWS serves both on one host.</summary>
internal sealed class V2Router(TargetContext target)
{
    private readonly V2ApiOperations apis = new(target);
    private readonly V2StageOperations stages = new(target);

    /// <summary>Whether a raw request path belongs to the v2 operations; the deviations of the request pipeline are per API family.</summary>
    public static bool Serves(string rawPath) => rawPath.StartsWith("/v2/", StringComparison.Ordinal);

    /// <param name="path">The decoded segments after "v2".</param>
    public ApiResult Dispatch(string method, string[] path, Func<string, string?> query, byte[] body) =>
        (method, path) switch
        {
            ("POST", ["apis"]) => apis.Create(body),
            ("GET", ["apis"]) => apis.List(),
            ("GET", ["apis", var api]) => apis.Get(api),
            ("DELETE", ["apis", var api]) => apis.Delete(api),
            ("POST", ["apis", var api, "routes"]) => apis.CreateRoute(api, body),
            ("POST", ["apis", var api, "deployments"]) => apis.CreateDeployment(api, body),

            ("POST", ["apis", var api, "stages"]) => stages.Create(api, body),
            ("GET", ["apis", var api, "stages"]) => stages.List(api, query("maxResults"), query("nextToken")),
            ("GET", ["apis", var api, "stages", var stage]) => stages.Get(api, stage),
            ("DELETE", ["apis", var api, "stages", var stage]) => stages.Delete(api, stage),

            _ => throw ApiException.NotFound("Unknown operation"),
        };
}
