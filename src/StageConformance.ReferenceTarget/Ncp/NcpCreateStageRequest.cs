namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>A Create stage body after the JSON type checks; no value rule has been applied yet.</summary>
internal sealed record NcpCreateStageRequest(
    string? StageName,
    string? EndpointDomain,
    long? CacheTtlSec,
    long? ThrottleRps,
    string? Response,
    string? DeploymentDescription,
    bool? IsMaintenance,
    bool? EnabledContentEncoding,
    long? MinimumCompressionSize,
    string? IpAclCode,
    string? IpAclList,
    long? StatusCode)
{
    public static NcpCreateStageRequest Read(byte[] body, bool coerce)
    {
        var members = JsonMembers.Parse(body, coerce);
        return new(
            members.String("stageName"),
            members.String("endpointDomain"),
            members.Integer("cacheTtlSec"),
            members.Integer("throttleRps"),
            members.String("response"),
            members.String("deploymentDescription"),
            members.Boolean("isMaintenance"),
            members.Boolean("enabledContentEncoding"),
            members.Integer("minimumCompressionSize"),
            members.String("ipAclCode"),
            members.String("ipAclList"),
            members.Integer("statusCode"));
    }
}
