namespace StageConformance.ReferenceTarget;

public sealed record ReferenceTargetOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Access key id to secret access key.</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string> { ["test"] = "test" };

    /// <summary>A requirement id from <see cref="ReferenceTarget.Mutants"/>: the one rule the target breaks on purpose.</summary>
    public string? Mutant { get; init; }

    public double ThrottleRatePerSecond { get; init; } = 1000;

    public int ThrottleBurst { get; init; } = 200;

    /// <summary>Per access key limits that replace the defaults above, as AWS's limits differ per account.</summary>
    public IReadOnlyDictionary<string, ThrottleLimit> ThrottleLimits { get; init; } = NoThrottleLimits;

    private static readonly IReadOnlyDictionary<string, ThrottleLimit> NoThrottleLimits = new Dictionary<string, ThrottleLimit>();

    /// <summary>Target faults to inject (503s, resets, delays), or null for none.</summary>
    public FaultInjectionOptions? Faults { get; init; }

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";
}

public sealed record ThrottleLimit(double RatePerSecond, int Burst);
