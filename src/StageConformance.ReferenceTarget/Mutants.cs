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
        new(TagsKeyPrefix, "Tag keys starting with aws: are accepted."),
        new(TagsKeyLength, "Tag keys have no length limit."),
        new(TagsValueLength, "Tag values have no length limit."),
        new(CanaryPercentTraffic, "canarySettings.percentTraffic has no range check."),
        new(CanaryDeploymentIdExists, "canarySettings.deploymentId is not checked for existence."),
        new(Types, "Known members of the wrong JSON type are coerced (boolean false, string the raw JSON text, map empty, number 0) instead of rejected."),
        new(DuplicateConflict, "Creating a stage under an existing name overwrites it and answers 201."),
        new(RestApiNotFound, "CreateStage on an unknown rest api answers 400 BadRequestException instead of 404."),
        new(ErrorsEncoding, "Error responses omit x-amzn-ErrorType and carry the type in the body as __type."),
        new(Echo, "The CreateStage response omits description (it is still stored)."),
        new(GetAgrees, "GetStage omits variables."),
        new(Timestamps, "Stage createdDate and lastUpdatedDate are epoch milliseconds."),
        new(RejectedNothingCreated, "A CreateStage rejected with 400 after the required-member checks still stores a stage under the requested name."),
        new(Lifecycle, "A deleted stage reads as 404 but still appears in GetStages."),
        new(Throttling, "No throttling at all."),
        new(AuthSignature, "Signatures are not checked: unsigned requests are accepted as access key test."),
        .. Ncp.NcpMutantIds.All,
    ];
}
