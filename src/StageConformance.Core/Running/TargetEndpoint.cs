using StageConformance.Signing;

namespace StageConformance.Running;

/// <summary>
/// Where the checks go. An embedded target also names the account a throttling probe may exhaust,
/// so the probe does not starve the rest of the run (AWS throttles per account, too).
/// </summary>
public sealed record TargetEndpoint(Uri BaseUrl, AwsCredentials? Credentials, AwsCredentials? ThrottleProbeCredentials = null, string Description = "");
