using StageConformance.Checks;

namespace StageConformance.Expectations;

/// <summary>A target's expectations, as loaded from its file; <see cref="None"/> when the run names no file.</summary>
public sealed class ExpectationSet
{
    private readonly Dictionary<string, Expectation> byKey;

    public ExpectationSet(IEnumerable<Expectation> expectations, string? source = null, string? target = null)
    {
        byKey = expectations.ToDictionary(e => e.Key, StringComparer.Ordinal);
        Source = source;
        Target = target;
    }

    public static ExpectationSet None { get; } = new([]);

    /// <summary>Where the expectations came from, as the run should name it (a path relative to the repository when inside it).</summary>
    public string? Source { get; }

    /// <summary>The target the file describes, in its authors' words.</summary>
    public string? Target { get; }

    public IReadOnlyCollection<Expectation> All => byKey.Values;

    public int Count => byKey.Count;

    public Expectation? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>The skip expectation that keeps a check from running: its own, else its requirement's.</summary>
    public Expectation? SkipFor(string checkId, string requirement)
    {
        var own = Find(checkId);
        if (own is not null)
        {
            return own.Expected == ExpectedOutcome.Skip ? own : null;
        }

        return Find(requirement) is { Expected: ExpectedOutcome.Skip } byRequirement ? byRequirement : null;
    }

    /// <summary>The hook the session calls before running a check: why it does not run here, or null.</summary>
    public string? SkipReason(Check check) =>
        SkipFor(check.Id, check.Requirement) is { } skip ? $"expected skip ({skip.Key}): {skip.Reason}" : null;

    /// <summary>
    /// The expectation that makes a failure known: one naming the check, else one naming the requirement
    /// the failure broke (which may differ from the check's own requirement).
    /// </summary>
    public Expectation? Covering(CheckResult failure) => Find(failure.Id) ?? Find(failure.Requirement);
}
