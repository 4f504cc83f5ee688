using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace StageConformance.Signing;

/// <summary>Server-side check of a SigV4 <c>Authorization</c> header, for an emulator of an AWS service.</summary>
public static class SigV4Verifier
{
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";
    public const string IncompleteSignature = "IncompleteSignatureException";
    public const string UnrecognizedClient = "UnrecognizedClientException";
    public const string InvalidSignature = "InvalidSignatureException";

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <param name="rawPath">
    /// The path exactly as received, before any decoding (in ASP.NET Core the raw target, not the decoded
    /// <c>PathString</c>): the signature covers the encoded form.
    /// </param>
    /// <param name="rawQuery">The query as received, with or without the leading <c>?</c>.</param>
    /// <param name="headers">Every received header; a name repeats once per header line.</param>
    /// <param name="secretForAccessKey">The secret key for an access key id, or null when the id is unknown.</param>
    /// <param name="expectedService">The signing name the credential scope must carry, for example <c>apigateway</c>.</param>
    public static SigV4Verification Verify(
        string method,
        string rawPath,
        string rawQuery,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        Func<string, string?> secretForAccessKey,
        DateTimeOffset now,
        string expectedService)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secretForAccessKey);
        var headerList = headers.ToList();

        var authorizations = Values(headerList, SigV4Signer.AuthorizationHeader);
        if (authorizations.Count == 0)
        {
            return SigV4Verification.Invalid(MissingAuthenticationToken, "Missing Authentication Token");
        }

        if (authorizations.Count > 1)
        {
            return SigV4Verification.Invalid(IncompleteSignature, "the request has more than one Authorization header");
        }

        if (!TryParseAuthorization(authorizations[0], out var authorization, out var parseError))
        {
            return SigV4Verification.Invalid(IncompleteSignature, parseError);
        }

        var (accessKeyId, date, region, service, signedHeaders, signature) = authorization;
        SigV4Verification Fail(string errorType, string reason) => SigV4Verification.Invalid(errorType, reason, accessKeyId, region);

        if (!signedHeaders.Contains("host", StringComparer.OrdinalIgnoreCase)
            || !signedHeaders.Contains("x-amz-date", StringComparer.OrdinalIgnoreCase))
        {
            return Fail(IncompleteSignature, "SignedHeaders must include host and x-amz-date");
        }

        var dates = Values(headerList, SigV4Signer.DateHeader);
        if (dates.Count != 1)
        {
            return Fail(IncompleteSignature, "the request needs exactly one X-Amz-Date header");
        }

        var amzDate = dates[0];
        if (!SigV4Signer.TryParseAmzDate(amzDate, out var signedAt))
        {
            return Fail(IncompleteSignature, $"X-Amz-Date '{amzDate}' is not in ISO-8601 basic format yyyyMMddTHHmmssZ");
        }

        if (!amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return Fail(InvalidSignature, $"the credential date {date} does not match X-Amz-Date {amzDate}");
        }

        if (service != expectedService)
        {
            return Fail(InvalidSignature, $"Credential should be scoped to correct service: '{expectedService}'");
        }

        if (secretForAccessKey(accessKeyId) is not { } secret)
        {
            return Fail(UnrecognizedClient, "The security token included in the request is invalid.");
        }

        if ((now - signedAt).Duration() > MaxClockSkew)
        {
            return Fail(
                InvalidSignature,
                $"Signature expired or not yet current: {amzDate} is more than {MaxClockSkew.TotalMinutes} minutes from {SigV4Signer.FormatAmzDate(now)}");
        }

        var missing = signedHeaders.FirstOrDefault(name => Values(headerList, name).Count == 0);
        if (missing is not null)
        {
            return Fail(InvalidSignature, $"the signed header '{missing}' is not in the request");
        }

        var bodyHash = SigV4Signer.HexSha256(body);
        var declaredHashes = Values(headerList, SigV4Signer.ContentSha256Header);
        if (declaredHashes.Count > 0 && (declaredHashes.Count > 1 || declaredHashes[0] != bodyHash))
        {
            return Fail(InvalidSignature, "x-amz-content-sha256 does not match the SHA-256 of the body");
        }

        var canonicalRequest = SigV4Signer.CanonicalRequest(method, rawPath, rawQuery, headerList, signedHeaders, bodyHash);
        var stringToSign = SigV4Signer.StringToSign(amzDate, SigV4Signer.CredentialScope(date, region, service), canonicalRequest);
        var expected = SigV4Signer.Signature(SigV4Signer.DeriveSigningKey(secret, date, region, service), stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return Fail(
                InvalidSignature,
                "The request signature we calculated does not match the signature you provided. "
                + $"The canonical request should have been\n'{canonicalRequest}'\nThe string to sign should have been\n'{stringToSign}'");
        }

        return SigV4Verification.Valid(accessKeyId, region);
    }

    // Leading and trailing whitespace is not part of a field value (RFC 9110), whatever the caller's parser left.
    private static List<string> Values(List<KeyValuePair<string, string>> headers, string name) =>
        headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim(' ', '\t')).ToList();

    private static bool TryParseAuthorization(
        string value, out ParsedAuthorization parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = default;
        var prefix = SigV4Signer.Algorithm + " ";
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = $"the Authorization header does not start with '{prefix}'";
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value[prefix.Length..].Split(',', StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0 || !parameters.TryAdd(part[..equals], part[(equals + 1)..]))
            {
                error = $"Invalid key=value pair in Authorization header: '{part}'";
                return false;
            }
        }

        foreach (var required in new[] { "Credential", "SignedHeaders", "Signature" })
        {
            if (!parameters.TryGetValue(required, out var parameter) || parameter.Length == 0)
            {
                error = $"Authorization header requires '{required}' parameter";
                return false;
            }
        }

        var scope = parameters["Credential"].Split('/');
        if (scope.Length != 5 || scope.Take(4).Any(s => s.Length == 0) || scope[4] != SigV4Signer.ScopeTerminator)
        {
            error = "Credential must be AccessKeyId/yyyyMMdd/region/service/aws4_request";
            return false;
        }

        var signedHeaders = parameters["SignedHeaders"].Split(';');
        if (signedHeaders.Any(h => h.Length == 0))
        {
            error = "SignedHeaders has an empty name";
            return false;
        }

        parsed = new(scope[0], scope[1], scope[2], scope[3], signedHeaders, parameters["Signature"]);
        error = null;
        return true;
    }

    private readonly record struct ParsedAuthorization(
        string AccessKeyId, string Date, string Region, string Service, string[] SignedHeaders, string Signature);
}

/// <param name="ErrorType">The AWS error type for <c>x-amzn-ErrorType</c>, null when valid.</param>
/// <param name="Reason">Why the request failed, for logs and the error message; null when valid.</param>
public sealed record SigV4Verification(bool IsValid, string? ErrorType, string? AccessKeyId, string? Region, string? Reason)
{
    public static SigV4Verification Valid(string accessKeyId, string region) => new(true, null, accessKeyId, region, null);

    public static SigV4Verification Invalid(string errorType, string reason, string? accessKeyId = null, string? region = null) =>
        new(false, errorType, accessKeyId, region, reason);
}
