using System.Text.Json.Nodes;
using static StageConformance.ReferenceTarget.MutantIds;

namespace StageConformance.ReferenceTarget;

internal enum StageView
{
    Created,
    Single,
    Listed,
    Updated,
}

internal sealed class StageOperations(TargetContext target)
{
    public ApiResult Create(string restApiId, byte[] body)
    {
        lock (target.State.Gate)
        {
            var api = ApiForCreate(restApiId);
            var request = CreateStageRequest.Read(body, coerce: target.Deviates(Types));
            var stageName = request.StageName
                ?? (target.Deviates(StageNameRequired) ? "stage-" + TargetContext.NewId(8) : throw ApiException.BadRequest("Stage name must be specified"));
            var deploymentId = request.DeploymentId
                ?? (target.Deviates(DeploymentIdRequired) ? api.NewestDeployment?.Id ?? "" : throw ApiException.BadRequest("Deployment id must be specified"));

            try
            {
                CheckValues(api, request, stageName, deploymentId);
            }
            catch (ApiException e) when (e.Status == 400 && target.Deviates(RejectedNothingCreated)
                && request.StageName is { } requested && !api.Stages.ContainsKey(requested))
            {
                var leftover = api.Deployments.ContainsKey(deploymentId) ? deploymentId : api.NewestDeployment?.Id ?? deploymentId;
                api.Stages[requested] = new Stage(requested, leftover, TargetContext.Now);
                throw;
            }

            if (api.Stages.ContainsKey(stageName) && !target.Deviates(DuplicateConflict))
            {
                throw ApiException.Conflict("Stage already exists");
            }

            var stage = new Stage(stageName, deploymentId, TargetContext.Now)
            {
                Description = request.Description,
                DocumentationVersion = request.DocumentationVersion,
                CacheClusterEnabled = request.CacheClusterEnabled,
                CacheClusterSize = request.CacheClusterSize,
                TracingEnabled = request.TracingEnabled,
                Variables = ToMap(request.Variables),
                Tags = ToMap(request.Tags),
                Canary = request.Canary is { } canary
                    ? new CanarySettings(canary.DeploymentId ?? deploymentId)
                    {
                        PercentTraffic = canary.PercentTraffic,
                        StageVariableOverrides = ToMap(canary.StageVariableOverrides),
                        UseStageCache = canary.UseStageCache,
                    }
                    : null,
            };
            api.Stages[stageName] = stage;
            return new(target.Deviates(CreateStatus) ? 200 : 201, Render(stage, StageView.Created));
        }
    }

    public ApiResult Get(string restApiId, string stageName)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Ok(Render(Find(target.Api(restApiId), stageName), StageView.Single));
        }
    }

    public ApiResult List(string restApiId, string? deploymentId)
    {
        lock (target.State.Gate)
        {
            var api = target.Api(restApiId);
            var stages = api.Stages.Values.Concat(api.DeletedStages.Where(s => !api.Stages.ContainsKey(s.Name)));
            var filter = target.Deviates(StagesDeploymentIdFilter) ? null : deploymentId;
            return ApiResult.Items(stages
                .Where(s => filter is null || s.DeploymentId == filter)
                .Select(s => Render(s, StageView.Listed)));
        }
    }

    public ApiResult Delete(string restApiId, string stageName)
    {
        lock (target.State.Gate)
        {
            var api = target.Api(restApiId);
            var stage = Find(api, stageName);
            api.Stages.Remove(stageName);
            if (target.Deviates(Lifecycle))
            {
                api.DeletedStages.Add(stage);
            }

            return ApiResult.Accepted;
        }
    }

    public ApiResult Update(string restApiId, string stageName, byte[] body)
    {
        lock (target.State.Gate)
        {
            var api = target.Api(restApiId);
            if (target.Deviates(UpdateNotFound) && !api.Stages.ContainsKey(stageName))
            {
                throw ApiException.BadRequest("Invalid stage identifier specified");
            }

            var stage = Find(api, stageName);
            var operations = PatchOperation.Read(body);
            var stale = target.Deviates(UpdateAgrees) ? Render(stage, StageView.Updated) : null;
            new StagePatch(target, api).Apply(stage, operations);
            stage.LastUpdatedDate = TargetContext.Now;
            return new(target.Deviates(UpdateStatus) ? 201 : 200, stale ?? Render(stage, StageView.Updated));
        }
    }

    private static Stage Find(RestApi api, string stageName) =>
        api.Stages.TryGetValue(stageName, out var stage) ? stage : throw ApiException.NotFound("Invalid stage identifier specified");

    private RestApi ApiForCreate(string restApiId)
    {
        if (target.Deviates(RestApiNotFound) && !target.State.Apis.ContainsKey(restApiId))
        {
            throw ApiException.BadRequest("Invalid REST API identifier specified");
        }

        return target.Api(restApiId);
    }

    /// <summary>The value rules, in the documented order: name, cache size, variables, tags, canary traffic, deployments.</summary>
    private void CheckValues(RestApi api, CreateStageRequest request, string stageName, string deploymentId)
    {
        StageRules.CheckStageName(stageName, maxLength: !target.Deviates(StageNameLength), charset: !target.Deviates(StageNameCharset));
        if (request.CacheClusterSize is { } size && !target.Deviates(CacheClusterSizeEnum))
        {
            StageRules.CheckCacheClusterSize(size);
        }

        StageRules.CheckVariables(request.Variables, names: !target.Deviates(VariablesName), values: !target.Deviates(VariablesValue));
        StageRules.CheckTags(
            request.Tags,
            keyPrefixIgnoresCase: !target.Deviates(TagsKeyPrefix),
            keyLength: !target.Deviates(TagsKeyLength),
            valueLength: !target.Deviates(TagsValueLength));
        if (request.Canary is { } canary && !target.Deviates(CanaryPercentTraffic))
        {
            StageRules.CheckPercentTraffic(canary.PercentTraffic);
        }

        if (!target.Deviates(DeploymentIdExists))
        {
            RequireDeployment(api, deploymentId);
        }

        if (request.Canary?.DeploymentId is { } canaryDeploymentId && !target.Deviates(CanaryDeploymentIdExists))
        {
            RequireDeployment(api, canaryDeploymentId);
        }
    }

    private static void RequireDeployment(RestApi api, string deploymentId)
    {
        if (!api.Deployments.ContainsKey(deploymentId))
        {
            throw ApiException.BadRequest("Deployment id does not exist");
        }
    }

    internal static Dictionary<string, string> ToMap(IEnumerable<KeyValuePair<string, string?>> entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            map[key] = value ?? "";
        }

        return map;
    }

    private JsonObject Render(Stage stage, StageView view)
    {
        var json = new JsonObject
        {
            ["stageName"] = stage.Name,
            ["deploymentId"] = stage.DeploymentId,
        };
        if (stage.Description is not null && !(view == StageView.Created && target.Deviates(Echo)))
        {
            json["description"] = stage.Description;
        }

        if (stage.DocumentationVersion is not null)
        {
            json["documentationVersion"] = stage.DocumentationVersion;
        }

        json["cacheClusterEnabled"] = stage.CacheClusterEnabled;
        if (stage.CacheClusterEnabled && stage.CacheClusterSize is not null)
        {
            json["cacheClusterSize"] = stage.CacheClusterSize;
        }

        if (!target.Deviates(StageShape))
        {
            // The cache cluster is built asynchronously: the create answer sees it starting, later reads see it ready.
            var cacheMade = stage.CacheClusterEnabled || (stage.CacheClusterSize is not null && target.Deviates(CacheClusterSizeWithoutCache));
            json["cacheClusterStatus"] = !cacheMade ? "NOT_AVAILABLE"
                : view == StageView.Created ? "CREATE_IN_PROGRESS"
                : "AVAILABLE";
        }

        // The shape mutant drops only members no request sets, so it breaks the shape and nothing that echoes a request.
        if (!target.Deviates(StageShape))
        {
            json["methodSettings"] = new JsonObject();
        }

        json["tracingEnabled"] = stage.TracingEnabled;

        if (stage.Variables.Count > 0 && !(view == StageView.Single && target.Deviates(GetAgrees)))
        {
            json["variables"] = MapJson(stage.Variables);
        }

        if (stage.Tags.Count > 0)
        {
            json["tags"] = MapJson(stage.Tags);
        }

        if (stage.Canary is { } canary && !(view == StageView.Listed && target.Deviates(CanaryListed)))
        {
            var canaryJson = new JsonObject { ["deploymentId"] = canary.DeploymentId, ["percentTraffic"] = canary.PercentTraffic };
            if (canary.StageVariableOverrides.Count > 0)
            {
                canaryJson["stageVariableOverrides"] = MapJson(canary.StageVariableOverrides);
            }

            canaryJson["useStageCache"] = canary.UseStageCache;
            json["canarySettings"] = canaryJson;
        }

        json["createdDate"] = Timestamp(stage.CreatedDate);
        json["lastUpdatedDate"] = Timestamp(stage.LastUpdatedDate);
        return json;
    }

    private long Timestamp(DateTimeOffset time) =>
        target.Deviates(Timestamps) ? time.ToUnixTimeMilliseconds() : time.ToUnixTimeSeconds();

    private static JsonObject MapJson(Dictionary<string, string> map) =>
        new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));
}
