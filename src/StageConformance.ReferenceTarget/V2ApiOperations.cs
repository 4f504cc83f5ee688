using System.Text.Json.Nodes;

namespace StageConformance.ReferenceTarget;

/// <summary>HTTP and WebSocket APIs, their routes and deployments: just enough to provision stages.</summary>
internal sealed class V2ApiOperations(TargetContext target)
{
    public ApiResult Create(byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var name = members.String("name") ?? throw ApiException.BadRequest("Invalid API name specified: a name is required");
        var protocolType = members.String("protocolType") switch
        {
            "HTTP" => V2ProtocolType.Http,
            "WEBSOCKET" => V2ProtocolType.WebSocket,
            var other => throw ApiException.BadRequest($"Invalid protocolType '{other}': use HTTP or WEBSOCKET"),
        };
        var routeSelection = members.String("routeSelectionExpression");
        if (protocolType == V2ProtocolType.WebSocket && routeSelection is null)
        {
            throw ApiException.BadRequest("A WebSocket API needs a routeSelectionExpression");
        }

        var api = new V2Api(TargetContext.NewId(), name, protocolType, members.String("description"),
            routeSelection ?? "${request.method} ${request.path}", TargetContext.Now);
        lock (target.State.Gate)
        {
            target.State.V2Apis.Add(api.Id, api);
        }

        return ApiResult.Created(Render(api));
    }

    /// <summary>GetApis, one page holding every API: what a sweep reads to find a killed run's APIs.</summary>
    public ApiResult List()
    {
        lock (target.State.Gate)
        {
            return ApiResult.Ok(new JsonObject { ["items"] = new JsonArray(target.State.V2Apis.Values.Select(a => (JsonNode)Render(a)).ToArray()) });
        }
    }

    public ApiResult Get(string apiId)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Ok(Render(target.V2Api(apiId)));
        }
    }

    public ApiResult Delete(string apiId)
    {
        lock (target.State.Gate)
        {
            target.V2Api(apiId);
            target.State.V2Apis.Remove(apiId);
            return ApiResult.NoContent;
        }
    }

    public ApiResult CreateRoute(string apiId, byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var routeKey = members.String("routeKey") ?? throw ApiException.BadRequest("A route needs a routeKey");
        lock (target.State.Gate)
        {
            var api = target.V2Api(apiId);
            if (api.Routes.Values.Any(r => r.RouteKey == routeKey))
            {
                throw ApiException.Conflict($"Route with key {routeKey} already exists for this API");
            }

            var route = new V2Route(TargetContext.NewId(7), routeKey);
            api.Routes.Add(route.RouteId, route);
            return ApiResult.Created(new JsonObject
            {
                ["apiKeyRequired"] = false,
                ["authorizationType"] = "NONE",
                ["routeId"] = route.RouteId,
                ["routeKey"] = route.RouteKey,
            });
        }
    }

    public ApiResult CreateDeployment(string apiId, byte[] body)
    {
        var members = JsonMembers.Parse(body);
        lock (target.State.Gate)
        {
            var api = target.V2Api(apiId);
            if (api.Routes.Count == 0)
            {
                throw ApiException.BadRequest("Unable to deploy API because no routes exist in this API");
            }

            var deployment = new V2Deployment(TargetContext.NewId(6), members.String("description"), TargetContext.Now);
            api.Deployments.Add(deployment.DeploymentId, deployment);
            var json = new JsonObject
            {
                ["autoDeployed"] = false,
                ["createdDate"] = V2StageOperations.V2Time(deployment.CreatedDate),
                ["deploymentId"] = deployment.DeploymentId,
                ["deploymentStatus"] = "DEPLOYED",
            };
            if (deployment.Description is not null)
            {
                json["description"] = deployment.Description;
            }

            return ApiResult.Created(json);
        }
    }

    private JsonObject Render(V2Api api)
    {
        var json = new JsonObject
        {
            ["apiEndpoint"] = $"{(api.ProtocolType == V2ProtocolType.WebSocket ? "wss" : "https")}://{api.Id}.execute-api.{target.Options.Region}.amazonaws.com",
            ["apiId"] = api.Id,
            ["apiKeySelectionExpression"] = "$request.header.x-api-key",
            ["createdDate"] = V2StageOperations.V2Time(api.CreatedDate),
            ["disableExecuteApiEndpoint"] = false,
            ["name"] = api.Name,
            ["protocolType"] = api.ProtocolType == V2ProtocolType.WebSocket ? "WEBSOCKET" : "HTTP",
            ["routeSelectionExpression"] = api.RouteSelectionExpression,
        };
        if (api.Description is not null)
        {
            json["description"] = api.Description;
        }

        return json;
    }
}
