using System.Collections.Concurrent;
using System.Diagnostics;

namespace StageConformance.ReferenceTarget;

/// <summary>One token bucket per access key: <c>burst</c> tokens, refilled continuously at <c>ratePerSecond</c>.</summary>
internal sealed class Throttle(double ratePerSecond, int burst)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    public bool TryAcquire(string accessKey) => buckets.GetOrAdd(accessKey, _ => new Bucket(burst)).TryTake(ratePerSecond, burst);

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
