using StageConformance.Http;

namespace StageConformance.Dialects;

/// <summary>What every adapter does alike around the calls that are not under test: provisioning, cleanup, ids.</summary>
internal static class AdapterCalls
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// A provisioning call is not under test: any 2xx will do (another one than the service's is noted).
    /// A target that lacks the operation (404, 405, 501, a web page) makes a missing-operation refusal.
    /// </summary>
    /// <exception cref="ProvisioningException">The call was refused or kept faulting.</exception>
    public static async Task<HttpExchange> Provision(RunLedger ledger, Task<HttpExchange> call, int documented, string operation)
    {
        HttpExchange exchange;
        try
        {
            exchange = await call;
        }
        catch (TargetFaultException fault)
        {
            throw new ProvisioningException($"{operation}: {fault.Message}");
        }

        if (exchange.Status is >= 200 and < 300)
        {
            ledger.ObserveStatus(operation, exchange, documented);
            return exchange;
        }

        var missing = exchange.Status is 404 or 405 or 501 || exchange.IsHtml;
        throw new ProvisioningException(
            (missing ? $"the target lacks {operation}: " : $"{operation} was refused: ") + Verdicts.Short(exchange), missing);
    }

    /// <summary>The id a provisioning answer carries; an answer without it cannot be built on.</summary>
    public static string Field(HttpExchange exchange, string name, string operation) =>
        JsonRead.String(exchange.ResponseJson(), name)
        ?? throw new ProvisioningException($"{operation} answered {exchange.Status} without a string '{name}': {Verdicts.Short(exchange)}");

    /// <summary>A delete for cleanup: any 2xx or a 404 means gone; faults are retried. Returns null when gone, else what the target said.</summary>
    public static async Task<string?> DeleteQuietlyAsync(TargetClient client, string path, CancellationToken ct, RunLedger? ledger = null, string? operation = null, int documented = 0)
    {
        try
        {
            var deleted = await client.SendReliablyAsync(HttpMethod.Delete, path, ct: ct);
            if (deleted.Status is >= 200 and < 300 && ledger is not null && operation is not null)
            {
                ledger.ObserveStatus(operation, deleted, documented);
            }

            return deleted.Status is >= 200 and < 300 or 404 ? null : Verdicts.Short(deleted);
        }
        catch (TargetFaultException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException)
        {
            return $"DELETE {path}: cancelled";
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
