namespace StageConformance.Checks;

public sealed record CheckResult(
    string Id,
    string Requirement,
    string Dialect,
    string Kind,
    string Description,
    Outcome Outcome,
    string? Expected = null,
    string? Observed = null,
    string? Reproducer = null,
    string? Response = null,
    string? Counterexample = null,
    string? Replay = null,
    string? Reason = null,
    double DurationMs = 0);
