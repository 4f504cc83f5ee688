using StageConformance.Expectations;
using StageConformance.Signing;

namespace StageConformance.Configuration;

public enum TargetKind
{
    /// <summary>The in-process reference target the suite starts itself.</summary>
    Embedded,

    /// <summary>A server on this machine (an emulator, WireMock): loopback address.</summary>
    Loopback,

    /// <summary>Anything else, real clouds included.</summary>
    Remote,
}

public sealed record SuiteSettings
{
    public required Uri? BaseUrl { get; init; }

    public required IReadOnlyList<string> Dialects { get; init; }

    public required string Region { get; init; }

    public required AwsCredentials? AwsCredentials { get; init; }

    /// <summary>Set when the ncp dialect runs against a URL; the embedded target brings its own.</summary>
    public NcpCredentials? NcpCredentials { get; init; }

    public required string ReportDirectory { get; init; }

    public required int PropertyCases { get; init; }

    public required IReadOnlyDictionary<string, string> Replays { get; init; }

    public required IReadOnlySet<string> OptInCategories { get; init; }

    public required string RunId { get; init; }

    /// <summary>The client-side budget set by the user; null means the per-dialect default for the kind of target.</summary>
    public Http.RateLimit? RateLimit { get; init; }

    public bool RateLimitDisabled { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public bool AllowRealCloud { get; init; }

    /// <summary>
    /// Embedded and loopback targets get no client-side budget unless one is set; a remote target
    /// gets one below the documented quota of the dialect's service.
    /// </summary>
    public Http.RateLimit? RateLimitFor(string dialect) =>
        RateLimitDisabled ? null
        : RateLimit ?? (Kind == TargetKind.Remote ? StageConformance.Dialects.DialectRegistry.DefaultRateLimit(dialect) : null);

    /// <summary>The target's known deviations (<see cref="SettingNames.Expectations"/>); none unless a file is named.</summary>
    public ExpectationSet Expectations { get; init; } = ExpectationSet.None;

    public TargetKind Kind => BaseUrl is null ? TargetKind.Embedded
        : BaseUrl.IsLoopback ? TargetKind.Loopback
        : TargetKind.Remote;
}
