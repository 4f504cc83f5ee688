using System.Net;
using System.Text.Json.Nodes;

namespace StageConformance.Http;

public enum SigningMode
{
    Signed,
    Unsigned,

    /// <summary>Signed with a secret the target cannot know, so the signature is well-formed but wrong.</summary>
    WrongSecret,

    /// <summary>Signed correctly, at a time further from now than the scheme tolerates.</summary>
    StaleTimestamp,
}

/// <summary>One request and its response, as sent and received; credentials are never recorded.</summary>
public sealed record HttpExchange(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    string? RequestBody,
    SigningMode Signing,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    string ResponseBody,
    TimeSpan Elapsed)
{
    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The body as JSON, or null when it is empty, not JSON, or nested deeper than any stage is (the parser's limit).</summary>
    public JsonNode? ResponseJson()
    {
        if (string.IsNullOrWhiteSpace(ResponseBody))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(ResponseBody);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The body when it is a JSON object; a target may answer anything, and a check reads members only of an object.</summary>
    public JsonObject? ResponseObject() => ResponseJson() as JsonObject;

    /// <summary>Whether the body is an HTML page (a web server's own 404 or 405, not an API's answer).</summary>
    public bool IsHtml =>
        (ResponseHeader("Content-Type") ?? "").Contains("html", StringComparison.OrdinalIgnoreCase)
        || ResponseBody.TrimStart().StartsWith('<');

    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    /// <summary>Bodies beyond this are cut: no stage answer comes near it, and a check quotes only the start.</summary>
    public const int MaxBodyCharacters = 4 * 1024 * 1024;

    /// <summary>
    /// The body as text, whatever the target declares: a charset .NET does not know (which makes
    /// ReadAsStringAsync throw) is read as UTF-8, and a huge body is cut at <see cref="MaxBodyCharacters"/>.
    /// </summary>
    public static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken ct)
    {
        var bytes = await content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        var encoding = System.Text.Encoding.UTF8;
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = System.Text.Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8, as JSON is.
            }
        }

        var text = encoding.GetString(bytes);
        return text.Length > MaxBodyCharacters ? text[..MaxBodyCharacters] : text;
    }

    /// <summary>A short line for reports: method, path, status.</summary>
    public string Summary => $"{Method} {Url.PathAndQuery} -> {Status}";
}
