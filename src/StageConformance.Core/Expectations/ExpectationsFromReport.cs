using System.Globalization;
using StageConformance.Checks;

namespace StageConformance.Expectations;

/// <summary>What writing a target's expectations from a run's results changed, entry by entry.</summary>
public sealed record ExpectationsUpdate(
    IReadOnlyList<Expectation> Expectations,
    IReadOnlyList<Expectation> Kept,
    IReadOnlyList<Expectation> Added,
    IReadOnlyList<Expectation> Dropped);

/// <summary>
/// Turns a run into an expectations file, the way a team adopts the suite on day one: every failure
/// becomes an expected failure of its check, every error a skip (an error has no verdict to expect),
/// and entries already written keep their reason, link and expiry while they still describe the run.
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
                added.Add(new Expectation(result.Id, ExpectedOutcome.Skip, Shorten($"no verdict in {runLabel}: {result.Reason}")));
            }
        }

        return new ExpectationsUpdate(
            kept.Concat(added).OrderBy(e => e.Key, StringComparer.Ordinal).ToList(), kept, added, dropped);
    }

    /// <summary>
    /// A skip always holds (the run cannot tell); an expected failure holds unless its check, or every
    /// check of its requirement that ran, now passes. A check the run did not include keeps its entry.
    /// </summary>
    private static bool StillHolds(Expectation expectation, IReadOnlyList<CheckResult> results)
    {
        if (expectation.Expected == ExpectedOutcome.Skip)
        {
            return true;
        }

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
