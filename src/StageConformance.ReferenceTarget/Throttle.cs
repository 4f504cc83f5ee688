using System.Collections.Concurrent;
using System.Diagnostics;

namespace StageConformance.ReferenceTarget;

/// <summary>One token bucket per access key: <c>burst</c> tokens, refilled continuously at <c>ratePerSecond</c>.</summary>
internal sealed class Throttle(double ratePerSecond, int burst, IReadOnlyDictionary<string, ThrottleLimit>? perKey = null)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string accessKey)
    {
        var (rate, size) = perKey is not null && perKey.TryGetValue(accessKey, out var limit) ? (limit.RatePerSecond, limit.Burst) : (ratePerSecond, burst);
        return buckets.GetOrAdd(accessKey, _ => new Bucket(size)).TryTake(rate, size);
    }

    private sealed class Bucket(double tokens)
    {
        private readonly Lock gate = new();
        private long stamp = Stopwatch.GetTimestamp();

        public bool TryTake(double ratePerSecond, int burst)
        {
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                tokens = Math.Min(burst, tokens + (Stopwatch.GetElapsedTime(stamp, now).TotalSeconds * ratePerSecond));
                stamp = now;
                if (tokens < 1)
                {
                    return false;
                }

                tokens--;
                return true;
            }
        }
    }
}
