using System.Text.Json.Nodes;
using StageConformance.Http;
using static StageConformance.Checks.AwsRestV1.CanaryRequirements;

namespace StageConformance.Checks.AwsRestV1;

/// <summary>
/// Behaviours recorded against real AWS that no schema rule or canary case covers (issue 11): patch operations
/// applied in order, a canary deployment replacing a canary, DeleteDeployment of a deployment in use, and a cache
/// size without a cache. Each judges one requirement; what another requirement owns makes the check say nothing.
/// </summary>
public static class CapturedBehaviourChecks
{
    public static IEnumerable<Check> For(DialectContract contract)
    {
        Check Make(string id, string requirement, string description, Func<CheckContext, Task> run) =>
            new(id, requirement, contract.Dialect, "behaviour", description, contract.Requirements[requirement].Category, run);

        yield return Make($"{InOrder}/create-then-promote", InOrder,
            "on a stage without a canary, replace /canarySettings/percentTraffic 0.0 then both promotion copies is answered 200 and leaves a canary",
            CreateThenPromoteAsync);
        yield return Make($"{DeployReplaces}/second-canary", DeployReplaces,
            "a canary CreateDeployment for a stage with a canary replaces it: the new deployment, with the percentTraffic and overrides sent",
            CanaryOverCanaryAsync);
        yield return Make($"{DeleteDeploymentInUse}/stage-then-none", DeleteDeploymentInUse,
            "DeleteDeployment is answered 400 while a stage points at the deployment, and 202 once that stage is deleted",
            DeleteDeploymentInUseAsync);
        yield return Make($"{CacheClusterSizeWithoutCache}/size-0.5-cache-off", CacheClusterSizeWithoutCache,
            "CreateStage with cacheClusterSize 0.5 and cacheClusterEnabled false is accepted and the stage's cacheClusterStatus is NOT_AVAILABLE",
            SizeWithoutCacheAsync);
    }

    // ---- patch operations in order (LS-CAN test_update_stage_with_copy_ops) ----

    private static async Task CreateThenPromoteAsync(CheckContext context)
    {
        var api = CanaryScenario.Api(context);
        var deployment = api.Existing("deployment");
        var variables = new JsonObject { ["a"] = "s1" };

        // That one replace makes a canary is v1.update.canary.implicit's rule; without it the patch proves nothing about order.
        await WithStageAsync(context, deployment, variables, async name =>
        {
            var alone = await api.UpdateStageAsync(name, new Patch(PatchOp.Replace("/canarySettings/percentTraffic", "0.0")).ToJson());
            if (alone.Status is < 200 or >= 300)
            {
                throw new CheckSkipped($"replace /canarySettings/percentTraffic alone was answered {alone.Status}; {CanaryImplicit} judges that");
            }
        });

        await WithStageAsync(context, deployment, variables, async name =>
        {
            var before = context.Api.StageOf(await context.Api.GetStageAsync(name));
            if (!Echo.SameValue(before?["variables"], variables))
            {
                throw new CheckSkipped($"GetStage does not show the variables the stage was created with; {context.Contract.Requirements.RoleId(Requirements.Roles.GetAgrees)} judges that");
            }

            var patch = new Patch(
                PatchOp.Replace("/canarySettings/percentTraffic", "0.0"),
                PatchOp.Copy("/canarySettings/deploymentId", "/deploymentId"),
                PatchOp.Copy("/canarySettings/stageVariableOverrides", "/variables"));
            var answer = await api.UpdateStageAsync(name, patch.ToJson());
            Verify.That(answer.Status is >= 200 and < 300, InOrder, $"a success status for {patch}", Verify.Observed(answer), answer);

            var read = await context.Api.GetStageAsync(name);
            var stage = context.Api.StageOf(read);
            Verify.That(stage?["canarySettings"] is JsonObject, CanaryImplicit, $"a canary on the stage after {patch}", Verify.Observed(read), read);
            Verify.That(Echo.SameValue(stage?["deploymentId"], JsonValue.Create(deployment)), PromoteDeployment,
                $"deploymentId {deployment} (the canary's, promoted) after {patch}", Echo.Show(stage?["deploymentId"]), read);
            Verify.That(Echo.SameValue(stage?["variables"], variables), PromoteVariables,
                $"variables {variables.ToJsonString()} (no overrides to merge) after {patch}", Echo.Show(stage?["variables"]), read);
        });
    }

    // ---- a canary deployment on a stage with a canary (LS-CAN test_create_canary_deployment) ----

    private static async Task CanaryOverCanaryAsync(CheckContext context)
    {
        var api = CanaryScenario.Api(context);
        var deployments = await CanaryScenario.DeploymentsAsync(api);
        var stageBody = new JsonObject
        {
            ["deploymentId"] = deployments.Stage,
            ["variables"] = new JsonObject { ["testVar"] = "default" },
            ["canarySettings"] = new JsonObject
            {
                ["deploymentId"] = deployments.Stage,
                ["percentTraffic"] = 40,
                ["stageVariableOverrides"] = new JsonObject { ["testVar"] = "canary1" },
            },
        };
        await WithStageAsync(context, stageBody, async name =>
        {
            var sent = new JsonObject { ["percentTraffic"] = 50, ["stageVariableOverrides"] = new JsonObject { ["testVar"] = "canary2" } };
            var answer = await api.CreateDeploymentAsync(new JsonObject
            {
                ["stageName"] = name,
                ["description"] = "stageconf second canary",
                ["canarySettings"] = sent.DeepClone(),
            });
            if (answer.Status is < 200 or >= 300 || answer.ResponseJson()?["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
            {
                throw new CheckSkipped($"the canary CreateDeployment answered {answer.Status} without a deployment id; {DeployStatus} judges that");
            }

            var read = await context.Api.GetStageAsync(name);
            if (read.Status != context.Contract.GetStage.SuccessStatus)
            {
                throw new CheckSkipped($"GetStage answered {read.Status}; {context.Contract.Requirements.RoleId(Requirements.Roles.GetAgrees)} judges that");
            }

            var canary = context.Api.StageOf(read)?["canarySettings"] as JsonObject;
            if (!Echo.SameValue(canary?["deploymentId"], JsonValue.Create(id)))
            {
                // That a canary deployment makes the new deployment the canary is the rule of every canary deployment.
                throw new CheckSkipped($"the stage's canary is not the new deployment ({Echo.Show(canary)}); {DeployStage} judges that");
            }

            var expected = new JsonObject
            {
                ["deploymentId"] = id,
                ["percentTraffic"] = 50,
                ["stageVariableOverrides"] = new JsonObject { ["testVar"] = "canary2" },
                ["useStageCache"] = false,
            };
            Verify.That(Echo.SameValue(canary, expected), DeployReplaces, $"canarySettings {expected.ToJsonString()}, nothing of the old canary", Echo.Show(canary), read);
        });
    }

    // ---- DeleteDeployment of a deployment in use (LS-COM TestDeployments) ----

    private static async Task DeleteDeploymentInUseAsync(CheckContext context)
    {
        var api = CanaryScenario.Api(context);
        var created = await api.CreateDeploymentAsync(new JsonObject { ["description"] = "stageconf deployment to delete" });
        if (created.Status is < 200 or >= 300 || created.ResponseJson()?["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
        {
            throw new CheckSkipped($"CreateDeployment answered {created.Status} without a deployment id; provisioning needs it too");
        }

        HttpExchange? early = null;
        await WithStageAsync(context, new JsonObject { ["deploymentId"] = id }, async _ =>
        {
            early = await api.DeleteDeploymentAsync(id);
        });

        // Judged only after the stage is gone, so a failed verdict leaves nothing pointing at the deployment.
        var late = await api.DeleteDeploymentAsync(id);
        Verify.That(early!.Status == 400, DeleteDeploymentInUse, "status 400 for DeleteDeployment while a stage points at the deployment", Verify.Observed(early), early);
        Verify.That(late.Status == 202, DeleteDeploymentInUse, "status 202 for DeleteDeployment once no stage points at it", Verify.Observed(late), late);
        var gone = await api.GetDeploymentAsync(id);
        Verify.That(gone.Status == 404, DeleteDeploymentInUse, "GetDeployment 404 after the deployment was deleted", Verify.Observed(gone), gone);
    }

    // ---- cacheClusterSize without a cache (terraform-provider-aws #22841; aws-cli get-stage.rst) ----

    private static async Task SizeWithoutCacheAsync(CheckContext context)
    {
        var api = CanaryScenario.Api(context);
        var body = new JsonObject { ["deploymentId"] = api.Existing("deployment"), ["cacheClusterEnabled"] = false, ["cacheClusterSize"] = "0.5" };
        var name = context.UniqueName("nocache");
        body["stageName"] = name;
        var created = await api.CreateStageAsync(body);
        try
        {
            Verify.That(created.Status is >= 200 and < 300, CacheClusterSizeWithoutCache, "a success status for a cache size with the cache off",
                Verify.Observed(created), created);
            var read = await api.GetStageAsync(name);
            foreach (var (what, exchange) in new[] { ("CreateStage", created), ("GetStage", read) })
            {
                var status = api.StageOf(exchange)?["cacheClusterStatus"];
                if (status is null)
                {
                    throw new CheckSkipped($"{what} shows no cacheClusterStatus; {context.Contract.Requirements.RoleId(Requirements.Roles.StageShape)} judges that");
                }

                Verify.That(Echo.SameValue(status, JsonValue.Create("NOT_AVAILABLE")), CacheClusterSizeWithoutCache,
                    $"cacheClusterStatus NOT_AVAILABLE in the {what} answer", Echo.Show(status), exchange);
            }
        }
        finally
        {
            if (created.Status is >= 200 and < 300)
            {
                await api.DeleteStageAsync(name);
            }
        }
    }

    /// <summary>Creates a stage on the deployment (with the variables), runs the step, deletes the stage; a stage the target refuses makes the check say nothing.</summary>
    private static Task WithStageAsync(CheckContext context, string deploymentId, JsonObject variables, Func<string, Task> step) =>
        WithStageAsync(context, new JsonObject { ["deploymentId"] = deploymentId, ["variables"] = variables.DeepClone() }, step);

    private static async Task WithStageAsync(CheckContext context, JsonObject body, Func<string, Task> step)
    {
        var name = context.UniqueName("order");
        body = (JsonObject)body.DeepClone();
        body["stageName"] = name;
        var created = await context.Api.CreateStageAsync(body);
        if (created.Status is < 200 or >= 300)
        {
            throw new CheckSkipped($"CreateStage {body.ToJsonString()} answered {created.Status}; the CreateStage requirements judge that");
        }

        try
        {
            await step(name);
        }
        finally
        {
            await context.Api.DeleteStageAsync(name);
        }
    }
}
