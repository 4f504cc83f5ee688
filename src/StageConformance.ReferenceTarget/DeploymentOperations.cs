using System.Text.Json.Nodes;
using static StageConformance.ReferenceTarget.MutantIds;

namespace StageConformance.ReferenceTarget;

internal sealed class DeploymentOperations(TargetContext target)
{
    public ApiResult Create(string restApiId, byte[] body)
    {
        lock (target.State.Gate)
        {
            var api = target.Api(restApiId);
            var members = JsonMembers.Parse(body);
            var description = members.String("description");
            var requestedStageName = members.String("stageName");
            // An empty stageName deploys without a stage, as an absent one does.
            var stageName = requestedStageName is { Length: > 0 } name ? name : null;
            var stageDescription = members.String("stageDescription");
            var variables = members.Map("variables", nullValues: true) ?? [];
            var canary = CanaryRequest.Read(members.Object("canarySettings"));
            if (stageName is not null)
            {
                StageRules.CheckStageName(stageName);
                StageRules.CheckVariables(variables);
            }

            var canaryStage = canary is null ? null : CanaryStage(api, stageName, requestedStageName);
            if (canaryStage is not null)
            {
                StageRules.CheckPercentTraffic(canary!.PercentTraffic);
            }

            if (!api.HasMethods)
            {
                throw ApiException.BadRequest("The REST API doesn't contain any methods");
            }

            var now = TargetContext.Now;
            var deployment = new Deployment(TargetContext.NewId(), description, now);
            api.Deployments.Add(deployment.Id, deployment);
            if (canaryStage is { Canary: { } existing } && target.Deviates(CanaryDeployReplaces))
            {
                existing.DeploymentId = deployment.Id;
                canaryStage.LastUpdatedDate = now;
                return new(target.Deviates(CanaryDeployStatus) ? 200 : 201, Render(deployment));
            }

            if (canaryStage is not null)
            {
                canaryStage.Canary = new CanarySettings(deployment.Id)
                {
                    PercentTraffic = canary!.PercentTraffic,
                    StageVariableOverrides = StageOperations.ToMap(canary.StageVariableOverrides),
                    UseStageCache = canary.UseStageCache,
                };
                if (target.Deviates(CanaryDeployStage))
                {
                    canaryStage.DeploymentId = deployment.Id;
                }

                canaryStage.LastUpdatedDate = now;
                return new(target.Deviates(CanaryDeployStatus) ? 200 : 201, Render(deployment));
            }

            if (stageName is not null)
            {
                PointStage(api, stageName, deployment.Id, stageDescription, variables, now);
            }

            return ApiResult.Created(Render(deployment));
        }
    }

    /// <summary>
    /// The stage a canary deployment adds its canary to: it must be named and exist (aws-behavior.md section 1).
    /// Null when a deviation turns the canary deployment into a plain one.
    /// </summary>
    private Stage? CanaryStage(RestApi api, string? stageName, string? requestedStageName)
    {
        if (stageName is null)
        {
            return target.Deviates(CanaryDeployStageName)
                ? null
                : throw ApiException.BadRequest(
                    "Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. "
                    + $"Provided value is {requestedStageName ?? "null"}");
        }

        if (api.Stages.TryGetValue(stageName, out var stage))
        {
            return stage;
        }

        return target.Deviates(CanaryDeployStageExists)
            ? null
            : throw ApiException.BadRequest(
                $"Invalid deployment content specified.Stage {stageName} must already be created before making a canary release deployment");
    }

    public ApiResult Get(string restApiId, string deploymentId)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Ok(Render(Find(target.Api(restApiId), deploymentId)));
        }
    }

    public ApiResult List(string restApiId)
    {
        lock (target.State.Gate)
        {
            return ApiResult.Items(target.Api(restApiId).Deployments.Values.Select(Render));
        }
    }

    public ApiResult Delete(string restApiId, string deploymentId)
    {
        lock (target.State.Gate)
        {
            var api = target.Api(restApiId);
            Find(api, deploymentId);
            if (api.Stages.Values.Any(s => s.Uses(deploymentId)) && !target.Deviates(DeploymentDeleteInUse))
            {
                throw ApiException.BadRequest("Active stages pointing to this deployment must be moved or deleted");
            }

            api.Deployments.Remove(deploymentId);
            return ApiResult.Accepted;
        }
    }

    /// <summary>Creates the stage with CreateStage's defaults, or moves an existing one to the new deployment.</summary>
    private static void PointStage(
        RestApi api, string stageName, string deploymentId, string? stageDescription, IReadOnlyList<KeyValuePair<string, string?>> variables, DateTimeOffset now)
    {
        if (!api.Stages.TryGetValue(stageName, out var stage))
        {
            api.Stages.Add(stageName, new Stage(stageName, deploymentId, now)
            {
                Description = stageDescription,
                Variables = StageOperations.ToMap(variables),
            });
            return;
        }

        stage.DeploymentId = deploymentId;
        foreach (var (key, value) in StageOperations.ToMap(variables))
        {
            stage.Variables[key] = value;
        }

        stage.LastUpdatedDate = now;
    }

    private static Deployment Find(RestApi api, string deploymentId) =>
        api.Deployments.GetValueOrDefault(deploymentId) ?? throw ApiException.NotFound("Invalid Deployment identifier specified");

    private static JsonObject Render(Deployment deployment)
    {
        var json = new JsonObject { ["id"] = deployment.Id };
        if (deployment.Description is not null)
        {
            json["description"] = deployment.Description;
        }

        json["createdDate"] = deployment.CreatedDate.ToUnixTimeSeconds();
        return json;
    }
}
