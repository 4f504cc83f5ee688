namespace StageConformance.Expectations;

public enum ExpectedOutcome
{
    /// <summary>The check runs; its failure is known and does not fail the run.</summary>
    Fail,

    /// <summary>The check does not run on this target at all.</summary>
    Skip,
}

/// <summary>
/// One known deviation of a target: <see cref="Key"/> is a check id (<c>&lt;requirement&gt;/&lt;what&gt;</c>)
/// or a requirement id (no slash), which then covers every check of that requirement.
/// </summary>
public sealed record Expectation(string Key, ExpectedOutcome Expected, string Reason, string? Link = null, DateOnly? Until = null)
{
    public bool NamesCheck => IsCheckId(Key);

    public static bool IsCheckId(string key) => key.Contains('/', StringComparison.Ordinal);

    public static string Name(ExpectedOutcome expected) => expected == ExpectedOutcome.Fail ? "fail" : "skip";
}
