namespace StageConformance.Signing;

/// <summary>A Naver Cloud Platform access key and secret key.</summary>
public sealed record NcpCredentials(string AccessKey, string SecretKey)
{
    // Credentials end up in test output and logs through string interpolation; only the access key may appear there.
    public override string ToString() => $"NcpCredentials {{ AccessKey = {AccessKey} }}";
}
