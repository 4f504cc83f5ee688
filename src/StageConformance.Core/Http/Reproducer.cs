namespace StageConformance.Http;

public static class Reproducer
{
    private static readonly HashSet<string> Omitted = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256", "Host", "Content-Length",
        "x-ncp-apigw-signature-v2", "x-ncp-apigw-timestamp", "x-ncp-iam-access-key",
    };

    /// <summary>A curl command that sends the same request; credentials appear only as environment references.</summary>
    public static string Curl(HttpExchange exchange, IRequestSigner? signer)
    {
        var parts = new List<string> { "curl", "-sS", "-i", "-X", exchange.Method, Shell.Quote(exchange.Url.AbsoluteUri) };
        if (signer is not null)
        {
            parts.AddRange(signer.CurlArguments(exchange.Signing));
        }

        foreach (var (name, value) in exchange.RequestHeaders)
        {
            if (!Omitted.Contains(name))
            {
                parts.Add("-H");
                parts.Add(Shell.Quote($"{name}: {value}"));
            }
        }

        if (exchange.RequestBody is not null)
        {
            parts.Add("--data-raw");
            parts.Add(Shell.Quote(exchange.RequestBody));
        }

        var setup = signer?.ShellSetup(exchange) ?? [];
        return string.Concat(setup.Select(command => command + "; ")) + string.Join(' ', parts);
    }
}
