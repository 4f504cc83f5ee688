using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace StageConformance.Signing;

// Temporary stand-in for the signing branch's SigV4Signer/SigV4Verifier (same public API), deleted when that branch is merged.
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null);

public sealed record SigV4VerificationResult(bool IsValid, string? ErrorType, string? AccessKeyId, string? Region, string? Reason);

public sealed class SigV4Signer(AwsCredentials credentials, string region, string service)
{
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        request.Headers.Remove("X-Amz-Date");
        request.Headers.Add("X-Amz-Date", amzDate);
        if (credentials.SessionToken is not null)
        {
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.Add("X-Amz-Security-Token", credentials.SessionToken);
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var h in request.Headers)
        {
            headers.Add(new(h.Key, string.Join(",", h.Value)));
        }

        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers)
            {
                headers.Add(new(h.Key, string.Join(",", h.Value)));
            }
        }

        var signed = headers.Select(h => h.Key.ToLowerInvariant())
            .Where(n => n is "host" or "content-type" || n.StartsWith("x-amz-", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";
        var signature = SigV4Math.Signature(
            credentials.SecretAccessKey, scope, amzDate,
            SigV4Math.CanonicalRequest(request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, signed, body));
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={string.Join(';', signed)}, Signature={signature}");
    }
}

public static class SigV4Verifier
{
    public static SigV4VerificationResult Verify(
        string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> body,
        Func<string, string?> secretForAccessKey, DateTimeOffset now, string expectedService)
    {
        var list = headers.ToList();
        string? Header(string name) => list.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        var authorization = Header("Authorization");
        if (authorization is null)
        {
            return new(false, "MissingAuthenticationTokenException", null, null, "Missing Authentication Token");
        }

        const string Algorithm = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Algorithm, StringComparison.Ordinal))
        {
            return new(false, "IncompleteSignatureException", null, null, "unsupported algorithm");
        }

        var parts = authorization[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return new(false, "IncompleteSignatureException", null, null, "Authorization header lacks Credential, SignedHeaders or Signature");
        }

        var scopeParts = credential.Split('/');
        var amzDate = Header("X-Amz-Date");
        if (scopeParts.Length != 5 || scopeParts[4] != "aws4_request" || amzDate is null || amzDate.Length < 8)
        {
            return new(false, "IncompleteSignatureException", null, null, "malformed credential scope or missing X-Amz-Date");
        }

        var (accessKey, region) = (scopeParts[0], scopeParts[2]);
        if (scopeParts[3] != expectedService || scopeParts[1] != amzDate[..8])
        {
            return new(false, "InvalidSignatureException", accessKey, region, "credential scope does not match the service or date");
        }

        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || (now - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return new(false, "InvalidSignatureException", accessKey, region, "Signature expired");
        }

        var secret = secretForAccessKey(accessKey);
        if (secret is null)
        {
            return new(false, "UnrecognizedClientException", accessKey, region, "The security token included in the request is invalid.");
        }

        var signed = signedHeaders.Split(';').ToList();
        var expected = SigV4Math.Signature(
            secret, string.Join('/', scopeParts[1..]), amzDate, SigV4Math.CanonicalRequest(method, rawPath, rawQuery, list, signed, body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? new(true, null, accessKey, region, null)
            : new(false, "InvalidSignatureException", accessKey, region, "The request signature we calculated does not match the signature you provided.");
    }
}

internal static class SigV4Math
{
    public static string CanonicalRequest(
        string method, string rawPath, string rawQuery, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<string> signed, ReadOnlySpan<byte> body)
    {
        var path = string.Join('/', rawPath.Split('/').Select(Uri.EscapeDataString));
        var query = string.Join('&', rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        var canonicalHeaders = string.Concat(signed.Select(name =>
            name + ":" + string.Join(',', headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim())) + "\n"));
        return $"{method}\n{(path.Length == 0 ? "/" : path)}\n{query}\n{canonicalHeaders}\n{string.Join(';', signed)}\n{Convert.ToHexStringLower(SHA256.HashData(body))}";
    }

    public static string Signature(string secret, string scope, string amzDate, string canonicalRequest)
    {
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in scope.Split('/'))
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
