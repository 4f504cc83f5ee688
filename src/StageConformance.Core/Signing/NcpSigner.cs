using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StageConformance.Signing;

/// <summary>
/// Naver Cloud Platform API Gateway signature v2:
/// <c>Base64(HMAC-SHA256(secretKey, METHOD + " " + pathWithQuery + "\n" + timestamp + "\n" + accessKey))</c>.
/// The body is not signed.
/// </summary>
public sealed class NcpSigner
{
    public const string TimestampHeader = "x-ncp-apigw-timestamp";
    public const string AccessKeyHeader = "x-ncp-iam-access-key";
    public const string SignatureHeader = "x-ncp-apigw-signature-v2";

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    private readonly NcpCredentials credentials;

    public NcpSigner(NcpCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        this.credentials = credentials;
    }

    /// <param name="pathWithQuery">The path and query as sent, percent-encoded, without scheme and host.</param>
    /// <param name="timestampMillis">Milliseconds since the Unix epoch, exactly as sent in the timestamp header.</param>
    public static string Signature(string method, string pathWithQuery, string timestampMillis, string accessKey, string secretKey)
    {
        var message = $"{method} {pathWithQuery}\n{timestampMillis}\n{accessKey}";
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>Adds the three signature headers, replacing any earlier ones so a retried request can be re-signed.</summary>
    public void Sign(HttpRequestMessage request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            throw new InvalidOperationException(
                "NCP signing needs an absolute request URI: HttpClient.BaseAddress is applied only when sending.");
        }

        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = Signature(request.Method.Method, uri.PathAndQuery, timestamp, credentials.AccessKey, credentials.SecretKey);
        foreach (var (name, value) in new[]
                 {
                     (TimestampHeader, timestamp),
                     (AccessKeyHeader, credentials.AccessKey),
                     (SignatureHeader, signature),
                 })
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <param name="pathWithQuery">The request target exactly as received, before any decoding.</param>
    /// <param name="headers">Every received header; a name repeats once per header line.</param>
    /// <param name="secretForAccessKey">The secret key for an access key, or null when the key is unknown.</param>
    public static NcpVerification Verify(
        string method,
        string pathWithQuery,
        IEnumerable<KeyValuePair<string, string>> headers,
        Func<string, string?> secretForAccessKey,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secretForAccessKey);
        var headerList = headers.ToList();

        string? Single(string name)
        {
            var values = headerList.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return values.Count == 1 ? values[0].Value.Trim(' ', '\t') : null;
        }

        var timestamp = Single(TimestampHeader);
        var accessKey = Single(AccessKeyHeader);
        var signature = Single(SignatureHeader);
        if (timestamp is null || accessKey is null || signature is null)
        {
            return NcpVerification.Invalid($"each of {TimestampHeader}, {AccessKeyHeader} and {SignatureHeader} must appear exactly once", accessKey);
        }

        if (!timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            || millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return NcpVerification.Invalid($"{TimestampHeader} '{timestamp}' is not epoch milliseconds", accessKey);
        }

        if ((now - DateTimeOffset.FromUnixTimeMilliseconds(millis)).Duration() > MaxClockSkew)
        {
            return NcpVerification.Invalid($"{TimestampHeader} is more than {MaxClockSkew.TotalMinutes} minutes from the current time", accessKey);
        }

        if (secretForAccessKey(accessKey) is not { } secret)
        {
            return NcpVerification.Invalid("unknown access key", accessKey);
        }

        var expected = Signature(method, pathWithQuery, timestamp, accessKey, secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? NcpVerification.Valid(accessKey)
            : NcpVerification.Invalid("the signature does not match", accessKey);
    }
}

/// <summary>The outcome of <see cref="NcpSigner.Verify"/>; every failure is a 401 Authentication Failed.</summary>
/// <param name="Reason">Why the request failed, for logs; null when valid.</param>
public sealed record NcpVerification(bool IsValid, string? AccessKey, string? Reason)
{
    public static NcpVerification Valid(string accessKey) => new(true, accessKey, null);

    public static NcpVerification Invalid(string reason, string? accessKey = null) => new(false, accessKey, reason);
}
