namespace StageConformance.Checks.AwsRestV1;

/// <summary>
/// The ids of schemas/aws-rest-v1/requirements.json the canary checks judge. Schema constraints name
/// theirs in the schemas; these are the rules that depend on state, which only the model can judge.
/// <see cref="CanaryChecks"/> refuses to build when one is missing from the catalogue.
/// </summary>
public static class CanaryRequirements
{
    public const string DeployStatus = "v1.canary.deploy.status";
    public const string DeployStage = "v1.canary.deploy.stage";
    public const string DeployStageName = "v1.canary.deploy.stageName";
    public const string DeployStageExists = "v1.canary.deploy.stage-exists";
    public const string Listed = "v1.canary.listed";
    public const string DeploymentIdFilter = "v1.stages.deploymentId-filter";
    public const string UpdateStatus = "v1.update.status";
    public const string UpdateAgrees = "v1.update.agrees";
    public const string UpdateNotFound = "v1.update.not-found";
    public const string Replace = "v1.update.replace";
    public const string CanaryReplace = "v1.update.canary.replace";
    public const string CanaryImplicit = "v1.update.canary.implicit";
    public const string CanaryRemove = "v1.update.canary.remove";
    public const string CanaryPercentTraffic = "v1.update.canary.percentTraffic";
    public const string CanaryDeploymentIdExists = "v1.update.canary.deploymentId.exists";
    public const string PromoteDeployment = "v1.update.promote.deployment";
    public const string PromoteVariables = "v1.update.promote.variables";
    public const string PromoteNoCanary = "v1.update.promote.no-canary";
    public const string RejectedUnchanged = "v1.update.rejected.unchanged";
    public const string AccessLogSettings = "v1.update.accessLogSettings";
    public const string CanaryRemoveMember = "v1.update.canary.remove-member";
    public const string InOrder = "v1.update.in-order";
    public const string DeployReplaces = "v1.canary.deploy.replaces";
    public const string DeleteDeploymentInUse = "v1.deployment.delete-in-use";
    public const string CacheClusterSizeWithoutCache = "v1.cacheClusterSize.without-cache";

    public static readonly IReadOnlyList<string> All =
    [
        DeployStatus, DeployStage, DeployStageName, DeployStageExists, Listed, DeploymentIdFilter, UpdateStatus, UpdateAgrees,
        UpdateNotFound, Replace, CanaryReplace, CanaryImplicit, CanaryRemove, CanaryPercentTraffic, CanaryDeploymentIdExists,
        PromoteDeployment, PromoteVariables, PromoteNoCanary, RejectedUnchanged, AccessLogSettings, CanaryRemoveMember, InOrder,
        DeployReplaces, DeleteDeploymentInUse, CacheClusterSizeWithoutCache,
    ];
}
