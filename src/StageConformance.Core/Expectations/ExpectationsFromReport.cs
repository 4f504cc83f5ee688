using System.Globalization;
using StageConformance.Checks;

namespace StageConformance.Expectations;

/// <summary>What writing a target's expectations from a run's results changed, entry by entry.</summary>
public sealed record ExpectationsUpdate(
    IReadOnlyList<Expectation> Expectations,
    IReadOnlyList<Expectation> Kept,
    IReadOnlyList<Expectation> Added,
    IReadOnlyList<Expectation> Dropped,
    IReadOnlyList<LeftOut> LeftOut);

/// <summary>A result the writer did not turn into an entry, and why.</summary>
public sealed record LeftOut(CheckResult Result, string Why);

/// <summary>
/// Turns a run into an expectations file, the way a team adopts the suite on day one: every failure
/// becomes an expected failure of its check, and entries already written keep their reason, link and
/// expiry while they still describe the run. An error is not a known deviation (it has no verdict, and
/// a file of them would let a run that judged nothing pass), so errors are left out, each with the why.
/// </summary>
public static class ExpectationsFromReport
{
    private const int ReasonLength = 300;

    public static ExpectationsUpdate Update(IReadOnlyList<CheckResult> results, ExpectationSet existing, string runLabel)
    {
        var kept = new List<Expectation>();
        var dropped = new List<Expectation>();
        foreach (var expectation in existing.All.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            (StillHolds(expectation, results) ? kept : dropped).Add(expectation);
        }

        var current = new ExpectationSet(kept);
        var added = new List<Expectation>();
        var leftOut = new List<LeftOut>();
        foreach (var result in results.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (current.Find(result.Id) is not null)
            {
                continue;
            }

            if (result.Outcome == Outcome.Failed && current.Covering(result) is null)
            {
                var broke = result.Requirement == RequirementOf(result.Id) ? "" : $"breaks {result.Requirement}: ";
                added.Add(new Expectation(result.Id, ExpectedOutcome.Fail,
                    Shorten($"seen in {runLabel}: {broke}expected {result.Expected}; observed {result.Observed}")));
            }
            else if (result.Outcome == Outcome.Error)
            {
                leftOut.Add(new LeftOut(result, Shorten($"an error is not a known deviation (no verdict: {result.Reason ?? "no reason given"})")));
            }
        }

        return new ExpectationsUpdate(
            kept.Concat(added).OrderBy(e => e.Key, StringComparer.Ordinal).ToList(), kept, added, dropped, leftOut);
    }

    /// <summary>
    /// An entry no longer holds when what it names passes now: its check passed, or checks of its
    /// requirement passed and none failed or erred. Whatever the run did not judge (a skip, a check it
    /// did not include) keeps its entry.
    /// </summary>
    private static bool StillHolds(Expectation expectation, IReadOnlyList<CheckResult> results)
    {
        if (expectation.NamesCheck)
        {
            return results.FirstOrDefault(r => r.Id == expectation.Key) is not { Outcome: Outcome.Passed };
        }

        var mine = results.Where(r => r.Requirement == expectation.Key).ToList();
        return !mine.Any(r => r.Outcome == Outcome.Passed) || mine.Any(r => r.Outcome is Outcome.Failed or Outcome.Error);
    }

    private static string RequirementOf(string checkId) =>
        checkId.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? checkId[..slash] : checkId;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > ReasonLength ? string.Create(CultureInfo.InvariantCulture, $"{line[..ReasonLength]}...") : line;
    }
}
