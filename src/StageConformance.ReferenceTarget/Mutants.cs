namespace StageConformance.ReferenceTarget;

/// <summary>A deliberate deviation from one requirement, named by that requirement's id.</summary>
public sealed record MutantInfo(string Id, string Description);

internal static class MutantIds
{
    public const string CreateStatus = "v1.create.status";
    public const string StageShape = "v1.stage.shape";
    public const string StageNameRequired = "v1.stageName.required";
    public const string StageNameCharset = "v1.stageName.charset";
    public const string StageNameLength = "v1.stageName.length";
    public const string DeploymentIdRequired = "v1.deploymentId.required";
    public const string DeploymentIdExists = "v1.deploymentId.exists";
    public const string CacheClusterSizeEnum = "v1.cacheClusterSize.enum";
    public const string VariablesName = "v1.variables.name";
    public const string VariablesValue = "v1.variables.value";
    public const string TagsKeyPrefix = "v1.tags.key-prefix";
    public const string TagsKeyLength = "v1.tags.key-length";
    public const string TagsValueLength = "v1.tags.value-length";
    public const string CanaryPercentTraffic = "v1.canary.percentTraffic";
    public const string CanaryDeploymentIdExists = "v1.canary.deploymentId.exists";
    public const string Types = "v1.types";
    public const string DuplicateConflict = "v1.duplicate.conflict";
    public const string RestApiNotFound = "v1.restapi.not-found";
    public const string ErrorsEncoding = "v1.errors.encoding";
    public const string Echo = "v1.echo";
    public const string GetAgrees = "v1.get.agrees";
    public const string Timestamps = "v1.timestamps";
    public const string RejectedNothingCreated = "v1.rejected.nothing-created";
    public const string Lifecycle = "v1.lifecycle";
    public const string Throttling = "v1.throttling";
    public const string AuthSignature = "v1.auth.signature";
    public const string CanaryDeployStatus = "v1.canary.deploy.status";
    public const string CanaryDeployStage = "v1.canary.deploy.stage";
    public const string CanaryDeployStageName = "v1.canary.deploy.stageName";
    public const string CanaryDeployStageExists = "v1.canary.deploy.stage-exists";
    public const string CanaryListed = "v1.canary.listed";
    public const string StagesDeploymentIdFilter = "v1.stages.deploymentId-filter";
    public const string UpdateStatus = "v1.update.status";
    public const string UpdateAgrees = "v1.update.agrees";
    public const string UpdateNotFound = "v1.update.not-found";
    public const string UpdateReplace = "v1.update.replace";
    public const string UpdateCanaryReplace = "v1.update.canary.replace";
    public const string UpdateCanaryImplicit = "v1.update.canary.implicit";
    public const string UpdateCanaryRemove = "v1.update.canary.remove";
    public const string UpdateCanaryAdd = "v1.update.canary.add";
    public const string UpdateCanaryPercentTraffic = "v1.update.canary.percentTraffic";
    public const string UpdateCanaryDeploymentIdExists = "v1.update.canary.deploymentId.exists";
    public const string UpdatePromoteDeployment = "v1.update.promote.deployment";
    public const string UpdatePromoteVariables = "v1.update.promote.variables";
    public const string UpdatePromoteNoCanary = "v1.update.promote.no-canary";
    public const string UpdateUnsupported = "v1.update.unsupported";
    public const string UpdateRejectedUnchanged = "v1.update.rejected.unchanged";
    public const string CacheClusterSizeWithoutCache = "v1.cacheClusterSize.without-cache";
    public const string CanaryDeployReplaces = "v1.canary.deploy.replaces";
    public const string DeploymentDeleteInUse = "v1.deployment.delete-in-use";
    public const string UpdateInOrder = "v1.update.in-order";
    public const string UpdateCanaryRemoveMember = "v1.update.canary.remove-member";
    public const string UpdateAccessLogSettings = "v1.update.accessLogSettings";

    /// <exception cref="ArgumentException">The id names no mutant; the message lists the valid ids.</exception>
    public static string Require(string id) =>
        All.Any(m => m.Id == id) ? id : throw new ArgumentException($"unknown mutant '{id}'; valid ids: {string.Join(", ", All.Select(m => m.Id))}");

    public static readonly IReadOnlyList<MutantInfo> All =
    [
        new(CreateStatus, "CreateStage success answers 200 instead of 201."),
        new(StageShape, "Stage JSON everywhere omits methodSettings and cacheClusterStatus, members no request sets."),
        new(StageNameRequired, "A missing stageName is replaced by a generated stage-<8 lowercase alphanumerics> and the request proceeds."),
        new(StageNameCharset, "stageName characters are not checked (length still is)."),
        new(StageNameLength, "stageName has no maximum length (empty is still rejected)."),
        new(DeploymentIdRequired, "A missing deploymentId is replaced by the API's most recent deployment."),
        new(DeploymentIdExists, "The stage's deploymentId is not checked for existence."),
        new(CacheClusterSizeEnum, "Any cacheClusterSize string is accepted."),
        new(VariablesName, "Any stage variable name is accepted."),
        new(VariablesValue, "Any stage variable value, the empty string included, is accepted."),
        new(TagsKeyPrefix, "Tag keys starting with aws: are refused in lower case only: AWS: and Aws: are accepted."),
        new(TagsKeyLength, "Tag keys have no length limit."),
        new(TagsValueLength, "Tag values have no length limit."),
        new(CanaryPercentTraffic, "canarySettings.percentTraffic has no range check."),
        new(CanaryDeploymentIdExists, "canarySettings.deploymentId is not checked for existence."),
        new(Types, "Known members of the wrong JSON type are coerced (boolean false, string the raw JSON text, map empty, number 0) instead of rejected."),
        new(DuplicateConflict, "Creating a stage under an existing name overwrites it and answers 201."),
        new(RestApiNotFound, "CreateStage on an unknown rest api answers 400 BadRequestException instead of 404."),
        new(ErrorsEncoding, "v1 error responses omit x-amzn-ErrorType and carry the type in the body as __type."),
        new(Echo, "The CreateStage response omits description (it is still stored)."),
        new(GetAgrees, "GetStage omits variables."),
        new(Timestamps, "Stage createdDate and lastUpdatedDate are epoch milliseconds."),
        new(RejectedNothingCreated, "A CreateStage rejected with 400 after the required-member checks still stores a stage under the requested name."),
        new(Lifecycle, "A deleted stage reads as 404 but still appears in GetStages."),
        new(Throttling, "No throttling on v1 paths."),
        new(AuthSignature, "Signatures are not checked on v1 paths: unsigned requests are accepted as access key test."),
        new(CanaryDeployStatus, "A canary CreateDeployment answers 200 instead of 201."),
        new(CanaryDeployStage, "A canary CreateDeployment also moves the stage's own deploymentId to the new deployment."),
        new(CanaryDeployStageName, "A canary CreateDeployment without a stageName is created as a plain deployment (canarySettings ignored)."),
        new(CanaryDeployStageExists, "A canary CreateDeployment for a stage that does not exist creates that stage on the new deployment, as a plain deployment would."),
        new(CanaryListed, "GetStages items omit canarySettings (GetStage still shows them)."),
        new(StagesDeploymentIdFilter, "GetStages ignores the deploymentId filter."),
        new(UpdateStatus, "UpdateStage success answers 201 instead of 200."),
        new(UpdateAgrees, "The UpdateStage response shows the stage as it was before the patch (the patch is still stored)."),
        new(UpdateNotFound, "UpdateStage on a stage that does not exist answers 400 BadRequestException instead of 404."),
        new(UpdateReplace, "replace /deploymentId is answered 200 but not applied."),
        new(UpdateCanaryReplace, "replace /canarySettings/stageVariableOverrides/{name} replaces the whole overrides map with that one entry."),
        new(UpdateCanaryImplicit, "A replace of a canary field on a stage without a canary is rejected with 400 instead of creating the canary."),
        new(UpdateCanaryRemove, "remove /canarySettings keeps the canary block with percentTraffic 0 instead of dropping it."),
        new(UpdateCanaryAdd, "add on a canary field is applied as a replace instead of rejected."),
        new(UpdateCanaryPercentTraffic, "replace /canarySettings/percentTraffic has no range check."),
        new(UpdateCanaryDeploymentIdExists, "replace /canarySettings/deploymentId is not checked for existence."),
        new(UpdatePromoteDeployment, "Promotion (copy /canarySettings/deploymentId to /deploymentId) leaves the stage's deploymentId unchanged."),
        new(UpdatePromoteVariables, "Promotion of the overrides (copy to /variables) replaces the stage variables with the overrides instead of merging them."),
        new(UpdatePromoteNoCanary, "A copy (promotion) on a stage without a canary is answered 200 and changes nothing."),
        new(UpdateUnsupported, "Operations on paths a stage does not have, and copies between other paths, are ignored (200) instead of rejected."),
        new(UpdateRejectedUnchanged, "A rejected patch keeps the operations applied before the invalid one."),
        new(CacheClusterSizeWithoutCache, "A cacheClusterSize sent with the cache disabled makes a cache: cacheClusterStatus CREATE_IN_PROGRESS, then AVAILABLE."),
        new(CanaryDeployReplaces, "A canary CreateDeployment on a stage that has a canary only moves the canary to the new deployment, keeping its old percentTraffic and overrides."),
        new(DeploymentDeleteInUse, "DeleteDeployment deletes a deployment a stage still points at (202) instead of refusing it."),
        new(UpdateInOrder, "A promotion (copy) is checked against the stage as it was before the patch, so a canary made earlier in the same patch cannot be promoted (400)."),
        new(UpdateCanaryRemoveMember, "remove on a canary member is applied (overrides cleared, traffic 0, stage cache off) instead of rejected."),
        new(UpdateAccessLogSettings, "UpdateStage operations on /accessLogSettings/... are ignored (200) instead of checked."),
        .. V2MutantIds.All,
        .. Ncp.NcpMutantIds.All,
    ];
}
