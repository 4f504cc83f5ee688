using System.Text.Json.Nodes;

namespace StageConformance.ReferenceTarget;

/// <summary>Rest apis, their resources, methods and integrations: just enough to provision a deployable API.</summary>
internal sealed class RestApiOperations(TargetContext target)
{
    private static readonly string[] HttpMethods = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"];
    private static readonly string[] IntegrationTypes = ["HTTP", "MOCK", "AWS_PROXY", "HTTP_PROXY", "AWS"];

    public ApiResult Create(byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var name = members.String("name") ?? throw ApiException.BadRequest("Invalid API name specified: a name is required");
        var description = members.String("description");
        var api = new RestApi(TargetContext.NewId(), name, description, TargetContext.Now, new ApiResource(TargetContext.NewId(), "/"));
        lock (target.State.Gate)
        {
            target.State.Apis.Add(api.Id, api);
        }

        return ApiResult.Created(Render(api));
    }

    public ApiResult Get(string restApiId)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Ok(Render(target.Api(restApiId)));
        }
    }

    public ApiResult List()
    {
        lock (target.State.Gate)
        {
            return ApiResult.Items(target.State.Apis.Values.Select(Render));
        }
    }

    public ApiResult Delete(string restApiId)
    {
        lock (target.State.Gate)
        {
            target.Api(restApiId);
            target.State.Apis.Remove(restApiId);
            return ApiResult.Accepted;
        }
    }

    public ApiResult ListResources(string restApiId)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Items(target.Api(restApiId).Resources.Values.Select(r => new JsonObject { ["id"] = r.Id, ["path"] = r.Path }));
        }
    }

    public ApiResult PutMethod(string restApiId, string resourceId, string httpMethod, byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var authorizationType = members.String("authorizationType")
            ?? throw ApiException.BadRequest("Invalid authorization type specified: an authorizationType is required");
        if (!HttpMethods.Contains(httpMethod))
        {
            throw ApiException.BadRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        }

        lock (target.State.Gate)
        {
            var resource = Resource(target.Api(restApiId), resourceId);
            if (!resource.Methods.TryAdd(httpMethod, new ApiMethod(httpMethod, authorizationType)))
            {
                throw ApiException.Conflict("Method already exists for this resource");
            }

            return ApiResult.Created(new JsonObject
            {
                ["httpMethod"] = httpMethod,
                ["authorizationType"] = authorizationType,
                ["apiKeyRequired"] = false,
            });
        }
    }

    public ApiResult PutIntegration(string restApiId, string resourceId, string httpMethod, byte[] body)
    {
        var members = JsonMembers.Parse(body);
        var type = members.String("type") ?? throw ApiException.BadRequest("Enumeration value for IntegrationType must be non-empty");
        if (!IntegrationTypes.Contains(type))
        {
            throw ApiException.Validation(
                $"1 validation error detected: Value '{type}' at 'putIntegrationInput.type' failed to satisfy constraint: "
                + $"Member must satisfy enum value set: [{string.Join(", ", IntegrationTypes)}]");
        }

        var integration = new Integration(type, members.Map("requestTemplates"));
        lock (target.State.Gate)
        {
            var resource = Resource(target.Api(restApiId), resourceId);
            var method = resource.Methods.GetValueOrDefault(httpMethod) ?? throw ApiException.NotFound("Invalid Method identifier specified");
            method.Integration = integration;
            var json = new JsonObject { ["type"] = type };
            if (integration.RequestTemplates is { Count: > 0 } templates)
            {
                json["requestTemplates"] = new JsonObject(templates.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
            }

            json["passthroughBehavior"] = "WHEN_NO_MATCH";
            json["timeoutInMillis"] = 29000;
            json["cacheNamespace"] = resource.Id;
            json["cacheKeyParameters"] = new JsonArray();
            return ApiResult.Created(json);
        }
    }

    private static ApiResource Resource(RestApi api, string resourceId) =>
        api.Resources.GetValueOrDefault(resourceId) ?? throw ApiException.NotFound("Invalid Resource identifier specified");

    private static JsonObject Render(RestApi api)
    {
        var json = new JsonObject { ["id"] = api.Id, ["name"] = api.Name };
        if (api.Description is not null)
        {
            json["description"] = api.Description;
        }

        json["createdDate"] = api.CreatedDate.ToUnixTimeSeconds();
        json["rootResourceId"] = api.RootResourceId;
        return json;
    }
}
