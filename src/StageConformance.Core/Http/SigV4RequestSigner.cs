using StageConformance.Signing;

namespace StageConformance.Http;

public sealed class SigV4RequestSigner(AwsCredentials credentials, string region, string service) : IRequestSigner
{
    private readonly SigV4Signer signer = new(credentials, region, service);
    private readonly SigV4Signer wrongSigner = new(credentials with { SecretAccessKey = "not-the-secret-" + Guid.NewGuid().ToString("N") }, region, service);

    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now, SigningMode mode)
    {
        switch (mode)
        {
            case SigningMode.Signed:
                signer.Sign(request, body, now);
                break;
            case SigningMode.WrongSecret:
                wrongSigner.Sign(request, body, now);
                break;
            case SigningMode.Unsigned:
                break;
            default:
                throw new NotSupportedException($"no SigV4 check signs in mode {mode}");
        }
    }

    public IReadOnlyList<string> CurlArguments(SigningMode mode)
    {
        if (mode == SigningMode.Unsigned)
        {
            return [];
        }

        var args = new List<string>
        {
            "--aws-sigv4", Shell.Quote($"aws:amz:{region}:{service}"),
            "--user", mode == SigningMode.WrongSecret
                ? "\"$AWS_ACCESS_KEY_ID:wrong-secret\""
                : "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"",
        };
        if (credentials.SessionToken is not null)
        {
            args.Add("-H");
            args.Add("\"X-Amz-Security-Token: $AWS_SESSION_TOKEN\"");
        }

        return args;
    }
}
