using StageConformance.Checks;

namespace StageConformance.Expectations;

public sealed record GatedResult(CheckResult Result, GateVerdict Verdict, Expectation? Expectation);

/// <summary>A run's results with the target's expectations applied: what fails the run, and which expectations are stale.</summary>
public sealed record GateSummary(IReadOnlyList<GatedResult> Results, IReadOnlyList<Expectation> UnexpectedPasses, ExpectationSet Expectations)
{
    public IEnumerable<GatedResult> With(GateVerdict verdict) => Results.Where(r => r.Verdict == verdict);

    public int Count(GateVerdict verdict) => Results.Count(r => r.Verdict == verdict);

    /// <summary>True when the run judged something and nothing fails it: no new failure and no error.</summary>
    public bool Passed => !JudgedNothing && !Results.Any(r => GateVerdicts.FailsRun(r.Verdict));

    /// <summary>
    /// No check passed or failed: every result is a skip or an error. Such a run says nothing about the
    /// target, so it is a failed gate whatever the expectations file says.
    /// </summary>
    public bool JudgedNothing => !Results.Any(r => r.Result.Outcome is Outcome.Passed or Outcome.Failed);

    /// <summary>Why the gate failed, in one line; null when it passed.</summary>
    public string? FailureReason =>
        Passed ? null
        : JudgedNothing ? $"the run judged nothing: no check passed or failed ({Results.Count} result(s): {Count(GateVerdict.Error)} error(s), {Count(GateVerdict.Skipped) + Count(GateVerdict.ExpectedSkip)} skipped)"
        : $"{Count(GateVerdict.NewFailure)} new failure(s) and {Count(GateVerdict.Error)} error(s)";

    /// <summary>The counts a person reads first: checks, then passed, failed, errors, skipped.</summary>
    public string TotalsLine() =>
        $"{Results.Count} checks: {Count(GateVerdict.Passed) + Count(GateVerdict.UnexpectedPass)} passed, {Count(GateVerdict.NewFailure)} new failure(s), "
        + $"{Count(GateVerdict.Error)} error(s), {Count(GateVerdict.ExpectedFailure)} expected failure(s), {Count(GateVerdict.Skipped) + Count(GateVerdict.ExpectedSkip)} skipped";

    /// <summary>The requirements the run's new failures broke, for the one line that says why it is red.</summary>
    public IReadOnlyList<string> BrokenRequirements =>
        With(GateVerdict.NewFailure).Select(r => r.Result.Requirement).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>What a person reads at the end of a run: the verdict, what broke, and which expectations to remove.</summary>
    public IEnumerable<string> Lines()
    {
        var source = Expectations.Source is null ? "no expectations file" : $"expectations {Expectations.Source}";
        if (JudgedNothing)
        {
            yield return $"gate FAILED: {FailureReason}; a gate cannot pass on nothing, whatever the expectations say ({source})";
        }
        else
        {
            yield return $"gate {(Passed ? "PASSED" : "FAILED")}: {Count(GateVerdict.NewFailure)} new failure(s), {Count(GateVerdict.Error)} error(s); "
                + $"{Count(GateVerdict.ExpectedFailure)} expected failure(s), {Count(GateVerdict.ExpectedSkip)} expected skip(s), {UnexpectedPasses.Count} unexpected pass(es) ({source})";
        }
        foreach (var requirement in BrokenRequirements)
        {
            var checks = With(GateVerdict.NewFailure).Where(r => r.Result.Requirement == requirement).Select(r => r.Result.Id).ToList();
            yield return $"new failure: {requirement} broken by {string.Join(", ", checks.Take(3))}{(checks.Count > 3 ? $" and {checks.Count - 3} more" : "")}";
        }

        foreach (var error in With(GateVerdict.Error).Take(5))
        {
            yield return $"error: {error.Result.Id}: {error.Result.Reason}";
        }

        foreach (var stale in UnexpectedPasses)
        {
            yield return $"UNEXPECTED PASS: '{stale.Key}' is expected to fail but passed: remove this expectation";
        }
    }
}

/// <summary>Applies a target's expectations to results; the NUnit front end and the reports both judge through here.</summary>
public static class ExpectationGate
{
    public static GatedResult Judge(CheckResult result, ExpectationSet expectations)
    {
        switch (result.Outcome)
        {
            case Outcome.Passed:
                return expectations.Find(result.Id) is { Expected: ExpectedOutcome.Fail } stale
                    ? new(result, GateVerdict.UnexpectedPass, stale)
                    : new(result, GateVerdict.Passed, null);
            case Outcome.Failed:
                return expectations.Covering(result) is { } known
                    ? new(result, GateVerdict.ExpectedFailure, known)
                    : new(result, GateVerdict.NewFailure, null);
            case Outcome.Skipped:
                return expectations.SkipFor(result.Id, result.Requirement) is { } skip
                    ? new(result, GateVerdict.ExpectedSkip, skip)
                    : new(result, GateVerdict.Skipped, null);
            default:
                return new(result, GateVerdict.Error, null);
        }
    }

    /// <summary>
    /// Judges every result, and finds the stale expectations: a check expected to fail that passed, and a
    /// requirement expected to fail whose checks passed with none failing or erring under it.
    /// </summary>
    public static GateSummary Summarize(IReadOnlyList<CheckResult> results, ExpectationSet expectations)
    {
        var gated = results.Select(r => Judge(r, expectations)).ToList();
        var stale = gated.Where(g => g.Verdict == GateVerdict.UnexpectedPass).Select(g => g.Expectation!).ToList();
        foreach (var requirement in expectations.All.Where(e => !e.NamesCheck && e.Expected == ExpectedOutcome.Fail))
        {
            var mine = results.Where(r => r.Requirement == requirement.Key).ToList();
            if (mine.Any(r => r.Outcome == Outcome.Passed) && !mine.Any(r => r.Outcome is Outcome.Failed or Outcome.Error))
            {
                stale.Add(requirement);
            }
        }

        return new GateSummary(gated, stale.OrderBy(e => e.Key, StringComparer.Ordinal).ToList(), expectations);
    }
}
