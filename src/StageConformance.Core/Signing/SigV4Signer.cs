using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace StageConformance.Signing;

/// <summary>
/// AWS Signature Version 4 with the signature in the <c>Authorization</c> header, by the rules of every
/// service except S3: the path is normalized, and the path as sent on the wire is percent-encoded once more.
/// </summary>
public sealed class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string DateHeader = "X-Amz-Date";
    public const string SecurityTokenHeader = "X-Amz-Security-Token";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string AuthorizationHeader = "Authorization";
    public const string ScopeTerminator = "aws4_request";

    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly AwsCredentials credentials;

    public SigV4Signer(AwsCredentials credentials, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        this.credentials = credentials;
        Region = region;
        Service = service;
    }

    public string Region { get; }

    public string Service { get; }

    /// <summary>Adds and signs <c>x-amz-content-sha256</c>, which services other than S3 accept but do not need.</summary>
    public bool SignBody { get; init; }

    /// <summary>
    /// Signs <c>host</c>, <c>x-amz-date</c>, <c>content-type</c> and every <c>x-amz-*</c> header. Signing again
    /// replaces the previous signature, so a retried request can be re-signed.
    /// </summary>
    /// <param name="body">The exact bytes the request content will send.</param>
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException(
                "SigV4 signing needs an absolute request URI: the host is signed, and HttpClient.BaseAddress is applied only when sending.");
        }

        request.Headers.Remove(AuthorizationHeader);
        foreach (var name in new[] { DateHeader, SecurityTokenHeader, ContentSha256Header })
        {
            request.Headers.Remove(name);
            request.Content?.Headers.Remove(name);
        }

        // Pinning Host makes HttpClient send exactly the value that was signed.
        request.Headers.Host ??= HostHeaderValue(uri);

        var result = Sign(request.Method.Method, uri.AbsolutePath, uri.Query, WireHeaders(request), body, now);
        foreach (var (name, value) in result.AddedHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// Signs a request given as its parts. <paramref name="headers"/> must hold <c>Host</c>; names may repeat.
    /// Any <c>Authorization</c> header and any header this signer adds are replaced.
    /// </summary>
    /// <param name="path">The path as sent on the wire (already percent-encoded where the client encodes).</param>
    /// <param name="query">The query as sent on the wire, with or without the leading <c>?</c>.</param>
    /// <param name="signHeader">
    /// Chooses which other headers to sign, given the lower-case name; by default <c>content-type</c> and
    /// <c>x-amz-*</c>. <c>host</c> and the added headers are always signed.
    /// </param>
    public SigV4SigningResult Sign(
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        DateTimeOffset now,
        Func<string, bool>? signHeader = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        signHeader ??= IsSignedByDefault;

        var amzDate = FormatAmzDate(now);
        var payloadHash = HexSha256(body);
        var added = new List<KeyValuePair<string, string>> { new(DateHeader, amzDate) };
        if (credentials.SessionToken is { } token)
        {
            added.Add(new(SecurityTokenHeader, token));
        }

        if (SignBody)
        {
            added.Add(new(ContentSha256Header, payloadHash));
        }

        var replaced = added.Select(h => h.Key).Append(AuthorizationHeader).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = headers.Where(h => !replaced.Contains(h.Key)).Concat(added).ToList();
        if (!all.Any(h => h.Key.Equals("host", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException("the request has no Host header, and SigV4 always signs it", nameof(headers));
        }

        var signedHeaders = all
            .Select(h => h.Key.ToLowerInvariant())
            .Where(name => name == "host" || replaced.Contains(name) || signHeader(name))
            .ToHashSet(StringComparer.Ordinal);

        var date = amzDate[..8];
        var scope = CredentialScope(date, Region, Service);
        var canonicalRequest = CanonicalRequest(method, path, query, all, signedHeaders, payloadHash);
        var stringToSign = StringToSign(amzDate, scope, canonicalRequest);
        var signature = Signature(DeriveSigningKey(credentials.SecretAccessKey, date, Region, Service), stringToSign);
        var authorization = AuthorizationHeaderValue(credentials.AccessKeyId, scope, signedHeaders, signature);
        added.Add(new(AuthorizationHeader, authorization));
        return new SigV4SigningResult(canonicalRequest, stringToSign, signature, authorization, added);
    }

    /// <param name="path">The path as sent on the wire; see <see cref="CanonicalPath"/>.</param>
    /// <param name="headers">Every header of the request; names may repeat, in the order sent.</param>
    /// <param name="signedHeaders">Names of the headers to sign, in any case and order; each must be in <paramref name="headers"/>.</param>
    public static string CanonicalRequest(
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> signedHeaders,
        string payloadHashHex)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var names = SignedHeaderNames(signedHeaders);
        var values = names.ToDictionary(name => name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (values.TryGetValue(name.ToLowerInvariant(), out var list))
            {
                list.Add(CanonicalHeaderValue(value));
            }
        }

        var builder = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(path)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in names)
        {
            if (values[name].Count == 0)
            {
                throw new ArgumentException($"the signed header '{name}' is not among the request's headers", nameof(headers));
            }

            builder.Append(name).Append(':').AppendJoin(',', values[name]).Append('\n');
        }

        return builder.Append('\n').AppendJoin(';', names).Append('\n').Append(payloadHashHex).ToString();
    }

    /// <summary>
    /// Removes <c>.</c> and <c>..</c> segments and repeated slashes, then percent-encodes every UTF-8 byte except
    /// the unreserved characters and <c>/</c>. Given the wire path, an escape such as <c>%20</c> becomes
    /// <c>%2520</c>: the second encoding AWS applies for every service except S3.
    /// </summary>
    public static string CanonicalPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var normalized = "/" + string.Join('/', segments);
        if (segments.Count > 0 && path.EndsWith('/'))
        {
            normalized += "/";
        }

        return Encode(Encoding.UTF8.GetBytes(normalized), keepSlash: true);
    }

    /// <summary>
    /// Decodes each name and value, encodes it once (so an escape survives unchanged), and sorts the pairs by
    /// name, then value, ordinally. A parameter without <c>=</c> is written <c>name=</c>.
    /// </summary>
    public static string CanonicalQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? "" : parameter[(equals + 1)..];
            pairs.Add((Encode(PercentDecode(name), keepSlash: false), Encode(PercentDecode(value), keepSlash: false)));
        }

        pairs.Sort((a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <param name="amzDate">The <c>X-Amz-Date</c> value, <c>yyyyMMddTHHmmssZ</c>.</param>
    public static string StringToSign(string amzDate, string credentialScope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{credentialScope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <param name="date">The signing date, <c>yyyyMMdd</c>.</param>
    public static string CredentialScope(string date, string region, string service) =>
        $"{date}/{region}/{service}/{ScopeTerminator}";

    /// <param name="date">The signing date, <c>yyyyMMdd</c>.</param>
    public static byte[] DeriveSigningKey(string secretAccessKey, string date, string region, string service)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, ScopeTerminator })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return key;
    }

    /// <returns>The lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/>.</returns>
    public static string Signature(ReadOnlySpan<byte> signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    public static string AuthorizationHeaderValue(
        string accessKeyId, string credentialScope, IReadOnlyCollection<string> signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId}/{credentialScope}, SignedHeaders={string.Join(';', SignedHeaderNames(signedHeaders))}, Signature={signature}";

    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseAmzDate(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value, AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static bool IsSignedByDefault(string lowerCaseName) =>
        lowerCaseName == "content-type" || lowerCaseName.StartsWith("x-amz-", StringComparison.Ordinal);

    private static string[] SignedHeaderNames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var sorted = names.Select(n => n.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    private static string CanonicalHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim(" \t"))
        {
            if (c is ' ' or '\t')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string Encode(ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~'
                || (keepSlash && b == '/'))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    // Decodes to bytes rather than a string so that escapes of invalid UTF-8 survive the round trip.
    private static byte[] PercentDecode(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '%' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes[count++] = (byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2]));
                i += 3;
                continue;
            }

            var next = text.IndexOf('%', i + 1);
            var end = next < 0 ? text.Length : next;
            count += Encoding.UTF8.GetBytes(text.AsSpan(i, end - i), bytes.AsSpan(count));
            i = end;
        }

        return bytes[..count];
    }

    private static string HostHeaderValue(Uri uri)
    {
        var host = uri.HostNameType == UriHostNameType.IPv6 && !uri.IdnHost.StartsWith('[') ? $"[{uri.IdnHost}]" : uri.IdnHost;
        return uri.IsDefaultPort ? host : $"{host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    // HttpClient writes all values of a header on one line joined by ", ", so that is what the server sees and signs.
    private static IEnumerable<KeyValuePair<string, string>> WireHeaders(HttpRequestMessage request)
    {
        IEnumerable<KeyValuePair<string, HeaderStringValues>> headers = request.Headers.NonValidated;
        if (request.Content is not null)
        {
            headers = headers.Concat(request.Content.Headers.NonValidated);
        }

        return headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)));
    }
}

/// <param name="AddedHeaders">The headers to add to the request, <c>Authorization</c> last.</param>
public sealed record SigV4SigningResult(
    string CanonicalRequest,
    string StringToSign,
    string Signature,
    string Authorization,
    IReadOnlyList<KeyValuePair<string, string>> AddedHeaders);
