using StageConformance.Expectations;

namespace StageConformance.Reporting;

/// <summary>What every report format says about one run: where it ran, how long, and its gated results.</summary>
public sealed record RunFacts(
    string RunId,
    string Target,
    IReadOnlyList<string> Dialects,
    DateTimeOffset Started,
    TimeSpan Elapsed,
    GateSummary Gate,
    IReadOnlyList<string> Leftovers,
    string? Interrupted = null,
    IReadOnlyDictionary<string, string>? ReproducerFiles = null)
{
    /// <summary>The path of a check's reproducer script relative to the report directory, if the run wrote one.</summary>
    public string? ReproducerFile(string checkId) => ReproducerFiles?.GetValueOrDefault(checkId);

    /// <summary>Where the calls around the checks (provisioning, cleanup) saw the target differ from the service; not verdicts.</summary>
    public IReadOnlyList<string> Observations { get; init; } = [];

    /// <summary>HTTP requests the run sent per dialect (every attempt: provisioning, checks, retries, cleanup); on a real account they are money and quota.</summary>
    public IReadOnlyDictionary<string, long> Requests { get; init; } = new Dictionary<string, long>();

    /// <summary>The requirement a check belongs to by its id (<c>&lt;requirement&gt;/&lt;what&gt;</c>), stable across runs, unlike the one a failure names.</summary>
    public static string OwnRequirement(Checks.CheckResult result) =>
        result.Id.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? result.Id[..slash] : result.Requirement;
}
