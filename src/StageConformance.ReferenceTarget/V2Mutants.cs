namespace StageConformance.ReferenceTarget;

/// <summary>The deviations of the v2 (HTTP and WebSocket API) operations, one per aws-http-v2 requirement.</summary>
internal static class V2MutantIds
{
    public const string CreateStatus = "v2.create.status";
    public const string StageShape = "v2.stage.shape";
    public const string StageNameRequired = "v2.stageName.required";
    public const string StageNameLength = "v2.stageName.length";
    public const string StageNameCharset = "v2.stageName.charset";
    public const string StageNameDefault = "v2.stageName.default";
    public const string DescriptionLength = "v2.description.length";
    public const string DeploymentIdExists = "v2.deploymentId.exists";
    public const string LoggingLevelEnum = "v2.loggingLevel.enum";
    public const string LoggingLevelHttpUnsupported = "v2.loggingLevel.http-unsupported";
    public const string StageVariablesName = "v2.stageVariables.name";
    public const string StageVariablesValue = "v2.stageVariables.value";
    public const string Types = "v2.types";
    public const string DuplicateConflict = "v2.duplicate.conflict";
    public const string ApiNotFound = "v2.api.not-found";
    public const string ErrorsEncoding = "v2.errors.encoding";
    public const string Echo = "v2.echo";
    public const string GetAgrees = "v2.get.agrees";
    public const string Timestamps = "v2.timestamps";
    public const string RejectedNothingCreated = "v2.rejected.nothing-created";
    public const string Lifecycle = "v2.lifecycle";
    public const string StagesPagination = "v2.stages.pagination";
    public const string StagesMaxResults = "v2.stages.maxResults";
    public const string Throttling = "v2.throttling";
    public const string AuthSignature = "v2.auth.signature";

    public static readonly IReadOnlyList<MutantInfo> All =
    [
        new(CreateStatus, "v2 CreateStage success answers 200 instead of 201."),
        new(StageShape, "v2 stages leave out routeSettings, stageVariables and tags when they are empty."),
        new(StageNameRequired, "v2: a missing stageName is replaced by a generated stage-<8 lowercase alphanumerics> and the request proceeds."),
        new(StageNameLength, "v2 stageName has no maximum length (empty is still rejected)."),
        new(StageNameCharset, "v2 stageName characters are not checked (length still is)."),
        new(StageNameDefault, "v2: the stage name $default is refused like any name with a $."),
        new(DescriptionLength, "v2 description has no maximum length."),
        new(DeploymentIdExists, "v2 deploymentId is not checked for existence."),
        new(LoggingLevelEnum, "v2: any loggingLevel string is accepted on WebSocket APIs."),
        new(LoggingLevelHttpUnsupported, "v2: execution-log settings (loggingLevel, dataTraceEnabled) are accepted on HTTP APIs (loggingLevel values are still checked)."),
        new(StageVariablesName, "v2: any stage variable name is accepted."),
        new(StageVariablesValue, "v2: any stage variable value, the empty string included, is accepted."),
        new(Types, "v2: members of the wrong JSON type are coerced (boolean false, string the raw JSON text, map empty, number 0, object absent) instead of rejected."),
        new(DuplicateConflict, "v2: creating a stage under an existing name overwrites it and answers 201."),
        new(ApiNotFound, "v2 CreateStage on an unknown API answers 400 BadRequestException instead of 404."),
        new(ErrorsEncoding, "v2 error responses omit x-amzn-ErrorType and carry the type in the body as __type."),
        new(Echo, "The v2 CreateStage response omits description (it is still stored)."),
        new(GetAgrees, "v2 GetStage shows stageVariables empty."),
        new(Timestamps, "v2 createdDate and lastUpdatedDate are epoch seconds (JSON numbers), as in v1."),
        new(RejectedNothingCreated, "A v2 CreateStage rejected with 400 after the stageName-required check still stores a stage under the requested name."),
        new(Lifecycle, "A deleted v2 stage reads as 404 but still appears in GetStages."),
        new(StagesPagination, "A v2 GetStages page after a nextToken starts at the previous page's last stage, repeating it."),
        new(StagesMaxResults, "v2 GetStages ignores a maxResults that is not a positive whole number instead of answering 400."),
        new(Throttling, "No throttling on v2 paths."),
        new(AuthSignature, "Signatures are not checked on v2 paths: unsigned requests are accepted as access key test."),
    ];
}
