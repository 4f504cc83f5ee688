using StageConformance.Http;

namespace StageConformance.Dialects;

/// <summary>What every adapter does alike around the calls that are not under test: provisioning, cleanup, ids.</summary>
internal static class AdapterCalls
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A provisioning call must answer this status; anything else stops the dialect with the evidence.</summary>
    public static async Task<HttpExchange> Expect(Task<HttpExchange> call, int status, string operation)
    {
        var exchange = await call;
        return exchange.Status == status
            ? exchange
            : throw new ProvisioningException($"{operation} answered {exchange.Status}, expected {status}: {Truncate(exchange.ResponseBody)}");
    }

    public static string Field(HttpExchange exchange, string name) =>
        exchange.ResponseJson()?[name]?.GetValue<string>()
        ?? throw new ProvisioningException($"{exchange.Summary}: the response has no '{name}'");

    /// <summary>A delete for cleanup: faults are retried; the answer is null when the thing is gone.</summary>
    public static async Task<string?> DeleteQuietlyAsync(TargetClient client, string path, CancellationToken ct)
    {
        try
        {
            var deleted = await client.SendReliablyAsync(HttpMethod.Delete, path, ct: ct);
            return deleted.Status is 202 or 204 or 404 ? null : deleted.Summary;
        }
        catch (TargetFaultException e)
        {
            return e.Message;
        }
    }

    /// <summary>The error type AWS names in x-amzn-ErrorType, cut at the Coral namespace clients cut at.</summary>
    public static string? AwsErrorType(HttpExchange exchange)
    {
        var header = exchange.ResponseHeader("x-amzn-ErrorType");
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var colon = header.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? header[..colon] : header;
    }

    /// <summary>Lowercase alphanumerics, as API Gateway ids are: a random one is an id no target issued to this run.</summary>
    public static string RandomId(int length) => System.Security.Cryptography.RandomNumberGenerator.GetString(IdAlphabet, length);

    public static string Truncate(string text) => text.Length > 300 ? text[..300] + "..." : text;
}
