namespace StageConformance.Signing;

/// <summary>An AWS access key pair, optionally with an STS session token.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    // Credentials end up in test output and logs through string interpolation; only the key id may appear there.
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
