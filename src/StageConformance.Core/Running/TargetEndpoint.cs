using StageConformance.Signing;

namespace StageConformance.Running;

/// <summary>The credentials a target accepts, per signing scheme.</summary>
public sealed record TargetCredentials(AwsCredentials? Aws = null, NcpCredentials? Ncp = null);

/// <summary>
/// Where the checks go. An embedded target also names the account a throttling probe may exhaust,
/// so the probe does not starve the rest of the run (AWS throttles per account, too).
/// </summary>
public sealed record TargetEndpoint(Uri BaseUrl, TargetCredentials? Credentials, TargetCredentials? ThrottleProbeCredentials = null, string Description = "");
