using System.Globalization;
using System.Text;
using StageConformance.Checks;
using StageConformance.Expectations;
using StageConformance.Requirements;

namespace StageConformance.Reporting;

/// <summary>
/// report.md, readable at a glance: the gate's verdict, totals per dialect and per requirement
/// family, then what fails the run with its reproducers, then stale and known deviations.
/// </summary>
public static class MarkdownReport
{
    /// <summary>What the run cost the target in requests, in total and per dialect.</summary>
    public static string RequestsLine(RunFacts run) =>
        Invariant($"Requests sent: {run.Requests.Values.Sum()}")
        + (run.Requests.Count == 0 ? "" : " (" + string.Join(", ", run.Requests.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => Invariant($"{r.Key} {r.Value}"))) + ")");

    public static string Render(RunFacts run)
    {
        var gate = run.Gate;
        var md = new StringBuilder();
        md.AppendLine("# Stage conformance report").AppendLine();
        var expectations = gate.Expectations.Source is { } source ? $" · expectations `{source}` ({gate.Expectations.Count})" : " · no expectations file";
        md.AppendLine(Invariant($"Target `{run.Target}` · run `{run.RunId}` · {run.Elapsed.TotalSeconds:0.0} s{expectations}")).AppendLine();
        md.AppendLine(
            Invariant($"**Gate: {(gate.Passed ? "PASSED" : "FAILED")}** · {gate.Count(GateVerdict.Passed) + gate.Count(GateVerdict.UnexpectedPass)} passed · ")
            + Invariant($"{gate.Count(GateVerdict.NewFailure)} new failures · {gate.Count(GateVerdict.Error)} errors · ")
            + Invariant($"{gate.Count(GateVerdict.ExpectedFailure)} expected failures · {gate.UnexpectedPasses.Count} unexpected passes · ")
            + Invariant($"{gate.Count(GateVerdict.Skipped) + gate.Count(GateVerdict.ExpectedSkip)} skipped")).AppendLine();
        md.AppendLine(RequestsLine(run)).AppendLine();
        if (run.Interrupted is not null)
        {
            md.AppendLine($"**Interrupted** ({run.Interrupted}): only the checks that ran before are reported.").AppendLine();
        }

        if (gate.JudgedNothing)
        {
            md.AppendLine($"The gate failed because {gate.FailureReason}: a run that judged nothing says nothing about the target, whatever the expectations file says.").AppendLine();
        }

        md.AppendLine("## Totals per dialect").AppendLine();
        md.AppendLine("| dialect | checks | passed | new failures | errors | expected failures | skipped |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var dialect in gate.Results.GroupBy(r => r.Result.Dialect))
        {
            md.AppendLine(Invariant($"| {dialect.Key} | {dialect.Count()} | {Counts(dialect.ToList())} |"));
        }

        md.AppendLine().AppendLine("## Totals per requirement family").AppendLine();
        md.AppendLine("| dialect | family | verdict | requirements | passed | new failures | errors | expected failures | skipped |").AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var dialect in gate.Results.GroupBy(r => r.Result.Dialect))
        {
            var catalogue = RequirementCatalogue.Load(dialect.Key);
            foreach (var family in catalogue.All.GroupBy(r => r.Family))
            {
                var ids = family.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                var mine = dialect.Where(r => ids.Contains(r.Result.Requirement)).ToList();
                md.AppendLine(Invariant($"| {dialect.Key} | {family.Key} | {Verdict(mine)} | {ids.Count} | {Counts(mine)} |"));
            }
        }

        var failing = gate.Results.Where(r => GateVerdicts.FailsRun(r.Verdict)).ToList();
        if (failing.Count > 0)
        {
            md.AppendLine().AppendLine("## New failures and errors (these fail the run)").AppendLine();
            foreach (var gated in failing)
            {
                Detail(md, run, gated.Result, gated.Verdict == GateVerdict.Error ? "error" : "new failure");
            }
        }

        if (gate.UnexpectedPasses.Count > 0)
        {
            md.AppendLine().AppendLine("## Unexpected passes (remove these expectations)").AppendLine();
            foreach (var stale in gate.UnexpectedPasses)
            {
                md.AppendLine($"- `{stale.Key}` is expected to fail ({OneLine(stale.Reason)}) but passed: remove it from `{gate.Expectations.Source}`");
            }
        }

        var known = gate.With(GateVerdict.ExpectedFailure).ToList();
        if (known.Count > 0)
        {
            md.AppendLine().AppendLine("## Expected failures (known deviations)").AppendLine();
            md.AppendLine("| check | broke | expectation | observed |").AppendLine("|---|---|---|---|");
            foreach (var gated in known)
            {
                md.AppendLine($"| `{gated.Result.Id}` | `{gated.Result.Requirement}`{EvidenceNote(gated.Result)} | `{gated.Expectation!.Key}`: {Cell(gated.Expectation.Reason)} | {Cell(Shorten(gated.Result.Observed, 160))} |");
            }

            md.AppendLine().AppendLine("<details><summary>Reproducers of the expected failures</summary>").AppendLine();
            foreach (var gated in known)
            {
                Detail(md, run, gated.Result, "expected failure");
            }

            md.AppendLine("</details>");
        }

        md.AppendLine().AppendLine("## Per requirement").AppendLine();
        md.AppendLine("| requirement | verdict | checks (passed/failed/error/skipped) | statement |").AppendLine("|---|---|---|---|");
        foreach (var dialect in gate.Results.GroupBy(r => r.Result.Dialect))
        {
            foreach (var requirement in RequirementCatalogue.Load(dialect.Key).All)
            {
                var mine = dialect.Where(r => r.Result.Requirement == requirement.Id).ToList();
                md.AppendLine(Invariant(
                    $"| `{requirement.Id}` | {Verdict(mine)} | {Count(mine, Outcome.Passed)}/{Count(mine, Outcome.Failed)}/{Count(mine, Outcome.Error)}/{Count(mine, Outcome.Skipped)} | {Cell(requirement.Statement)} |"));
            }
        }

        if (run.Observations.Count > 0)
        {
            md.AppendLine().AppendLine("## Observations (not under test)").AppendLine();
            foreach (var observation in run.Observations)
            {
                // As code: an observation may quote a web page the target answered.
                md.AppendLine("- `" + observation.Replace('`', '\'') + "`");
            }
        }

        if (run.Leftovers.Count > 0)
        {
            md.AppendLine().AppendLine("## Left on the target").AppendLine();
            foreach (var leftover in run.Leftovers)
            {
                md.AppendLine("- " + leftover);
            }
        }

        return md.ToString();
    }

    private static void Detail(StringBuilder md, RunFacts run, CheckResult r, string label)
    {
        md.AppendLine($"### {label}: `{r.Id}`").AppendLine();
        var statement = RequirementCatalogue.Load(r.Dialect) is var c && c.Contains(r.Requirement) ? $": {c[r.Requirement].Statement}" : "";
        md.AppendLine($"- requirement: `{r.Requirement}`{statement}");
        Line(md, "evidence", RequirementCatalogue.EvidenceOf(r.Dialect, r.Requirement) is { } kind ? $"{Evidence.Name(kind)} ({Evidence.Describe(kind)})" : null);
        Line(md, "expected", r.Expected);
        Line(md, "observed", r.Observed);
        Line(md, "reason", r.Reason);
        Line(md, "counterexample", r.Counterexample);
        Line(md, "replay", r.Replay is null ? null : $"`{r.Replay}`");
        if (run.ReproducerFile(r.Id) is { } script)
        {
            md.AppendLine($"- reproduce: [`{script}`]({script}) (creates what the request needs, sends it, prints the answer beside the expectation, deletes what it created: `bash {script}`)");
        }
        if (r.Reproducer is not null)
        {
            md.AppendLine().AppendLine(run.ReproducerFile(r.Id) is null
                ? "The request as sent:"
                : "The request as sent (the run deleted its parent API since; the script recreates it):");
            md.AppendLine().AppendLine("```sh").AppendLine(r.Reproducer).AppendLine("```");
        }

        md.AppendLine();
    }

    private static string EvidenceNote(CheckResult r) =>
        RequirementCatalogue.EvidenceOf(r.Dialect, r.Requirement) is { } kind ? $" ({Evidence.Name(kind)})" : "";

    private static string Verdict(IReadOnlyList<GatedResult> results) =>
        results.Any(r => r.Verdict == GateVerdict.NewFailure) ? "**FAILED**"
        : results.Any(r => r.Verdict == GateVerdict.Error) ? "**error**"
        : results.Any(r => r.Verdict == GateVerdict.ExpectedFailure) ? "known deviation"
        : results.Any(r => r.Verdict is GateVerdict.Passed or GateVerdict.UnexpectedPass) ? "passed"
        : "not run";

    private static string Counts(IReadOnlyList<GatedResult> results) => string.Join(" | ", new[]
    {
        results.Count(r => r.Verdict is GateVerdict.Passed or GateVerdict.UnexpectedPass),
        results.Count(r => r.Verdict == GateVerdict.NewFailure),
        results.Count(r => r.Verdict == GateVerdict.Error),
        results.Count(r => r.Verdict == GateVerdict.ExpectedFailure),
        results.Count(r => r.Verdict is GateVerdict.Skipped or GateVerdict.ExpectedSkip),
    }.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static int Count(IEnumerable<GatedResult> results, Outcome outcome) => results.Count(r => r.Result.Outcome == outcome);

    private static void Line(StringBuilder md, string label, string? value)
    {
        if (value is not null)
        {
            md.AppendLine($"- {label}: {OneLine(value)}");
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Cell(string? text) => OneLine(text ?? "").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Shorten(string? text, int length) => text is null ? "" : text.Length > length ? text[..length] + "..." : text;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
