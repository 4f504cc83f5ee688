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

    public TargetKind Kind => BaseUrl is null ? TargetKind.Embedded
        : BaseUrl.IsLoopback ? TargetKind.Loopback
        : TargetKind.Remote;
}
