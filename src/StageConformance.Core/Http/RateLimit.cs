using System.Globalization;
using System.Threading.RateLimiting;

namespace StageConformance.Http;

/// <summary>A client-side budget: at most <see cref="RequestsPerSecond"/> on average, bursts up to <see cref="Burst"/>.</summary>
public sealed record RateLimit(double RequestsPerSecond, int Burst)
{
    /// <summary>Below AWS's documented control-plane quota (10 requests/s, burst 40) so a run never throttles the account.</summary>
    public static readonly RateLimit AwsControlPlane = new(8, 20);

    public static bool TryParse(string text, out RateLimit? limit)
    {
        limit = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            || !(rate > 0) || rate > 100_000)
        {
            return false;
        }

        var burst = Math.Max(1, (int)Math.Ceiling(rate));
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out burst) || burst < 1))
        {
            return false;
        }

        limit = new RateLimit(rate, burst);
        return true;
    }

    public RateLimiter CreateLimiter() => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / RequestsPerSecond),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond}/s, burst {Burst}");
}
