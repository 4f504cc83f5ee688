using System.Text;

namespace StageConformance.SelfTests.Signing;

/// <summary>An HTTP/1.1 request as text: the vector files' format and what a loopback server receives.</summary>
public sealed record RawHttpRequest(
    string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>Parses the rules in the SigV4 vectors' README: LF only, obs-fold continuations, body after a blank line.</summary>
    public static RawHttpRequest Parse(string text)
    {
        text = text.Replace("\r", "", StringComparison.Ordinal);
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = blank < 0 ? text.TrimEnd('\n') : text[..blank];
        var body = blank < 0 ? "" : text[(blank + 2)..];
        return ParseHead(head, Encoding.UTF8.GetBytes(body));
    }

    public static RawHttpRequest ParseHead(string head, byte[] body)
    {
        var lines = head.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        const string version = " HTTP/1.1";
        if (!lines[0].EndsWith(version, StringComparison.Ordinal))
        {
            throw new FormatException($"not an HTTP/1.1 request line: '{lines[0]}'");
        }

        // The path may hold a literal space (get-space-*), so only the first space separates the method.
        var requestLine = lines[0][..^version.Length];
        var space = requestLine.IndexOf(' ');
        var target = requestLine[(space + 1)..];
        var question = target.IndexOf('?');

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                var last = headers[^1];
                headers[^1] = new(last.Key, last.Value + " " + line);
                continue;
            }

            var colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }

        return new RawHttpRequest(
            requestLine[..space],
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers,
            body);
    }

    public string Header(string name) =>
        Headers.Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public RawHttpRequest WithoutHeader(string name) =>
        this with { Headers = Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList() };

    public RawHttpRequest WithHeader(string name, string value) =>
        this with { Headers = WithoutHeader(name).Headers.Append(new(name, value)).ToList() };
}
