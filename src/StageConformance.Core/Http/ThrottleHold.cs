using System.Diagnostics;
using System.Globalization;

namespace StageConformance.Http;

/// <summary>
/// How long an identity (or, on a real cloud, an account) must wait after the target throttled it: exactly
/// what its Retry-After asked, and only for the requests that come after, not as a fixed pause after a probe.
/// </summary>
public sealed class ThrottleHold
{
    /// <summary>The longest wait a Retry-After may impose on the run.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long untilTicks;

    /// <summary>Records the target's request to wait, read from a 429's Retry-After (seconds or an HTTP date); without one, nothing.</summary>
    public void Honour(HttpExchange throttled)
    {
        if (RetryAfter(throttled) is not { } wait)
        {
            return;
        }

        var until = clock.Elapsed.Add(wait).Ticks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref untilTicks);
            if (seen >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref untilTicks, until, seen) != seen);
    }

    /// <summary>How long the next request must still wait.</summary>
    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref untilTicks) - clock.Elapsed.Ticks));

    public Task WaitAsync(CancellationToken ct) => Remaining is { Ticks: > 0 } wait ? Task.Delay(wait, ct) : Task.CompletedTask;

    /// <summary>Retry-After as RFC 9110 defines it: delay-seconds or an HTTP date; capped at <see cref="MaxWait"/>.</summary>
    public static TimeSpan? RetryAfter(HttpExchange exchange)
    {
        var header = exchange.ResponseHeader("Retry-After")?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        if (long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(header, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
        }

        return null;
    }
}
