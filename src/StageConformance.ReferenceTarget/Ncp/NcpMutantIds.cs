namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>The NCP dialect's deliberate deviations, one per requirement in schemas/ncp/requirements.json.</summary>
internal static class NcpMutantIds
{
    public const string CreateStatus = "ncp.create.status";
    public const string StageShape = "ncp.stage.shape";
    public const string StageNameRequired = "ncp.stageName.required";
    public const string StageNameLength = "ncp.stageName.length";
    public const string StageNameCharset = "ncp.stageName.charset";
    public const string EndpointDomainRequired = "ncp.endpointDomain.required";
    public const string CacheTtlSecRange = "ncp.cacheTtlSec.range";
    public const string ThrottleRpsRange = "ncp.throttleRps.range";
    public const string ResponseLength = "ncp.response.length";
    public const string StatusCodeRange = "ncp.statusCode.range";
    public const string MinimumCompressionSizeRange = "ncp.minimumCompressionSize.range";
    public const string MinimumCompressionSizeNeedsEncoding = "ncp.minimumCompressionSize.needs-encoding";
    public const string IpAclCodeEnum = "ncp.ipAclCode.enum";
    public const string IpAclListRequiredWithCode = "ncp.ipAclList.required-with-code";
    public const string IpAclCodeRequiredWithList = "ncp.ipAclCode.required-with-list";
    public const string Types = "ncp.types";
    public const string DuplicateRejected = "ncp.duplicate.rejected";
    public const string ParentNotFound = "ncp.parent.not-found";
    public const string ErrorsEncoding = "ncp.errors.encoding";
    public const string Echo = "ncp.echo";
    public const string GetAgrees = "ncp.get.agrees";
    public const string Timestamps = "ncp.timestamps";
    public const string RejectedNothingCreated = "ncp.rejected.nothing-created";
    public const string Lifecycle = "ncp.lifecycle";
    public const string Throttling = "ncp.throttling";
    public const string AuthSignature = "ncp.auth.signature";
    public const string AuthTimestamp = "ncp.auth.timestamp";

    public static readonly IReadOnlyList<MutantInfo> All =
    [
        new(CreateStatus, "Create stage success answers 200 instead of 201."),
        new(StageShape, "Stages omit apiId, a member no request sets."),
        new(StageNameRequired, "A missing stageName is replaced by a generated stage-<8 lowercase alphanumerics> and the request proceeds."),
        new(StageNameLength, "stageName has no maximum length (empty is still rejected)."),
        new(StageNameCharset, "stageName characters are not checked (length still is)."),
        new(EndpointDomainRequired, "A missing endpointDomain is stored as NONE and the request proceeds."),
        new(CacheTtlSecRange, "cacheTtlSec has no range check."),
        new(ThrottleRpsRange, "throttleRps has no range check."),
        new(ResponseLength, "response has no length limit."),
        new(StatusCodeRange, "statusCode has no range check."),
        new(MinimumCompressionSizeRange, "minimumCompressionSize has no range check."),
        new(MinimumCompressionSizeNeedsEncoding, "minimumCompressionSize is accepted without enabledContentEncoding true."),
        new(IpAclCodeEnum, "Any ipAclCode string is accepted."),
        new(IpAclListRequiredWithCode, "ipAclCode is accepted without ipAclList."),
        new(IpAclCodeRequiredWithList, "ipAclList is accepted without ipAclCode."),
        new(Types, "Known members of the wrong JSON type are coerced (string the raw JSON text, boolean false, integer 0) instead of rejected."),
        new(DuplicateRejected, "A stageName the API already has creates a second stage of that name and answers 201."),
        new(ParentNotFound, "Create stage under an unknown product or API answers 400 instead of 404."),
        new(ErrorsEncoding, "Error bodies name the code and text as code and msg, in neither documented shape."),
        new(Echo, "The Create stage response omits response (it is still stored)."),
        new(GetAgrees, "Get stage omits throttleRps."),
        new(Timestamps, "regTime is epoch milliseconds (a JSON number)."),
        new(RejectedNothingCreated, "A Create stage rejected with 400 after the required-member checks still stores a stage under the requested name."),
        new(Lifecycle, "A deleted stage reads as 404 but stays in the stage list."),
        new(Throttling, "No throttling at all."),
        new(AuthSignature, "Signatures are not verified: unsigned and wrongly signed requests are accepted (a timestamp, when sent, must still be recent)."),
        new(AuthTimestamp, "The 5-minute timestamp window is not enforced (signatures still are verified)."),
    ];
}
