using StageConformance.Signing;

namespace StageConformance.Http;

/// <summary>NCP signature v2 for the target client; reproducers compute it with openssl from $NCLOUD_ACCESS_KEY and $NCLOUD_SECRET_KEY.</summary>
public sealed class NcpRequestSigner(NcpCredentials credentials) : IRequestSigner
{
    /// <summary>Twice the window the gateway tolerates, so a stale request is unambiguously stale.</summary>
    public static readonly TimeSpan StaleBy = NcpSigner.MaxClockSkew * 2;

    private const string WrongSecret = "wrong-secret";

    private readonly NcpSigner signer = new(credentials);
    private readonly NcpSigner wrongSigner = new(credentials with { SecretKey = "not-the-secret-" + Guid.NewGuid().ToString("N") });

    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now, SigningMode mode)
    {
        switch (mode)
        {
            case SigningMode.Signed:
                signer.Sign(request, now);
                break;
            case SigningMode.WrongSecret:
                wrongSigner.Sign(request, now);
                break;
            case SigningMode.StaleTimestamp:
                signer.Sign(request, now - StaleBy);
                break;
            case SigningMode.Unsigned:
                break;
        }
    }

    public IReadOnlyList<string> CurlArguments(SigningMode mode) => mode == SigningMode.Unsigned
        ? []
        :
        [
            "-H", $"\"{NcpSigner.TimestampHeader}: $ts\"",
            "-H", $"\"{NcpSigner.AccessKeyHeader}: $NCLOUD_ACCESS_KEY\"",
            "-H", $"\"{NcpSigner.SignatureHeader}: $sig\"",
        ];

    public IReadOnlyList<string> ShellSetup(HttpExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Signing == SigningMode.Unsigned)
        {
            return [];
        }

        var seconds = exchange.Signing == SigningMode.StaleTimestamp ? $"$(date +%s) - {(int)StaleBy.TotalSeconds}" : "$(date +%s)";
        var secret = exchange.Signing == SigningMode.WrongSecret ? Shell.Quote(WrongSecret) : "\"$NCLOUD_SECRET_KEY\"";
        return
        [
            $"ts=$(( ({seconds}) * 1000 ))",
            $"sig=$(printf '%s %s\\n%s\\n%s' {Shell.Quote(exchange.Method)} {Shell.Quote(exchange.Url.PathAndQuery)} \"$ts\" \"$NCLOUD_ACCESS_KEY\""
                + $" | openssl dgst -sha256 -hmac {secret} -binary | base64)",
        ];
    }
}
