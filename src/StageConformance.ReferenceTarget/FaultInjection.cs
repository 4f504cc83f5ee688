using Microsoft.AspNetCore.Http;

namespace StageConformance.ReferenceTarget;

public enum FaultKind
{
    /// <summary>503 ServiceUnavailableException, nothing processed.</summary>
    Unavailable,

    /// <summary>The connection is reset before anything is processed.</summary>
    Reset,

    /// <summary>The answer comes after <see cref="FaultInjectionOptions.Delay"/>; a client that gave up by then leaves the request unprocessed.</summary>
    Delay,
}

/// <summary>Target faults on purpose: a share of requests fail as a flaky emulator or a cloud hiccup would.</summary>
public sealed record FaultInjectionOptions(double Rate, IReadOnlyList<FaultKind> Kinds, TimeSpan Delay, int Seed = 1);

/// <summary>Counts what was injected, so a self-test can compare it with what the suite classified.</summary>
public sealed class FaultCounters
{
    private int unavailable;
    private int reset;
    private int delay;
    private long received;

    /// <summary>Every request that reached the target, faulted or not: the denominator of the fault rates, and what a client's own count must match.</summary>
    public long Received => Interlocked.Read(ref received);

    public int Unavailable => unavailable;

    public int Reset => reset;

    public int Delay => delay;

    public int Total => unavailable + reset + delay;

    internal void CountRequest() => Interlocked.Increment(ref received);

    internal void Count(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.Unavailable:
                Interlocked.Increment(ref unavailable);
                break;
            case FaultKind.Reset:
                Interlocked.Increment(ref reset);
                break;
            default:
                Interlocked.Increment(ref delay);
                break;
        }
    }
}

internal sealed class FaultInjector(FaultInjectionOptions? options, FaultCounters counters)
{
    private readonly Random random = new(options?.Seed ?? 1);
    private readonly Lock gate = new();

    /// <summary>Returns true when the request was answered (or dropped) by a fault and must not be processed.</summary>
    public async Task<bool> TryInjectAsync(HttpContext http, Func<int, string, string, Task> writeError)
    {
        if (options is null || options.Rate <= 0 || options.Kinds.Count == 0)
        {
            return false;
        }

        FaultKind kind;
        lock (gate)
        {
            if (random.NextDouble() >= options.Rate)
            {
                return false;
            }

            kind = options.Kinds[random.Next(options.Kinds.Count)];
        }

        counters.Count(kind);
        switch (kind)
        {
            case FaultKind.Unavailable:
                await writeError(503, "ServiceUnavailableException", "Service Unavailable");
                return true;
            case FaultKind.Reset:
                http.Abort();
                return true;
            default:
                try
                {
                    await Task.Delay(options.Delay, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                return http.RequestAborted.IsCancellationRequested;
        }
    }
}
