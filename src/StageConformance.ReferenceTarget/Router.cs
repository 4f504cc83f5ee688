namespace StageConformance.ReferenceTarget;

/// <summary>Maps a method and decoded path segments to an operation. New operations are new arms of the switch.</summary>
internal sealed class Router(TargetContext target)
{
    private readonly RestApiOperations apis = new(target);
    private readonly DeploymentOperations deployments = new(target);
    private readonly StageOperations stages = new(target);
    private readonly V2Router v2 = new(target);

    public ApiResult Dispatch(string method, string[] path, Func<string, string?> query, byte[] body) =>
        (method, path) switch
        {
            ("POST", ["restapis"]) => apis.Create(body),
            ("GET", ["restapis"]) => apis.List(),
            ("GET", ["restapis", var api]) => apis.Get(api),
            ("DELETE", ["restapis", var api]) => apis.Delete(api),
            ("GET", ["restapis", var api, "resources"]) => apis.ListResources(api),
            ("PUT", ["restapis", var api, "resources", var resource, "methods", var httpMethod]) =>
                apis.PutMethod(api, resource, httpMethod, body),
            ("PUT", ["restapis", var api, "resources", var resource, "methods", var httpMethod, "integration"]) =>
                apis.PutIntegration(api, resource, httpMethod, body),

            ("POST", ["restapis", var api, "deployments"]) => deployments.Create(api, body),
            ("GET", ["restapis", var api, "deployments"]) => deployments.List(api),
            ("GET", ["restapis", var api, "deployments", var deployment]) => deployments.Get(api, deployment),
            ("DELETE", ["restapis", var api, "deployments", var deployment]) => deployments.Delete(api, deployment),

            ("POST", ["restapis", var api, "stages"]) => stages.Create(api, body),
            ("GET", ["restapis", var api, "stages"]) => stages.List(api, query("deploymentId")),
            ("GET", ["restapis", var api, "stages", var stage]) => stages.Get(api, stage),
            ("DELETE", ["restapis", var api, "stages", var stage]) => stages.Delete(api, stage),
            ("PATCH", ["restapis", var api, "stages", var stage]) => stages.Update(api, stage, body),

            (_, ["v2", .. var rest]) => v2.Dispatch(method, rest, query, body),

            _ => throw ApiException.NotFound("Unknown operation"),
        };
}
