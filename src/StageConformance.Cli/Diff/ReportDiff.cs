using System.Globalization;
using System.Text;
using StageConformance.Checks;
using StageConformance.Reporting;

namespace StageConformance.Cli.Diff;

public enum ChangeKind
{
    /// <summary>Passed before, fails or errs now: the only kind that makes the diff exit non-zero.</summary>
    Regressed,

    /// <summary>Failed or erred before, passes now.</summary>
    Fixed,

    /// <summary>Any other change of outcome, or a failure that now names another requirement.</summary>
    Changed,

    /// <summary>A check only the new report has.</summary>
    Added,

    /// <summary>A check only the old report has.</summary>
    Removed,
}

public sealed record ResultChange(ChangeKind Kind, string Id, CheckResult? Old, CheckResult? New)
{
    public string Requirement => (New ?? Old)!.Requirement;
}

/// <summary>What changed between two runs' report.json files, check by check, judged on the outcomes alone.</summary>
public sealed record ReportDiff(ReportFile Old, ReportFile New, IReadOnlyList<ResultChange> Changes)
{
    public static ReportDiff Compare(ReportFile old, ReportFile @new)
    {
        var before = old.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var after = @new.Results.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var changes = new List<ResultChange>();
        foreach (var id in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var was = before.GetValueOrDefault(id);
            var now = after.GetValueOrDefault(id);
            if (Classify(was, now) is { } kind)
            {
                changes.Add(new ResultChange(kind, id, was, now));
            }
        }

        return new ReportDiff(old, @new, changes);
    }

    private static ChangeKind? Classify(CheckResult? was, CheckResult? now)
    {
        if (was is null)
        {
            return ChangeKind.Added;
        }

        if (now is null)
        {
            return ChangeKind.Removed;
        }

        bool Failing(CheckResult r) => r.Outcome is Outcome.Failed or Outcome.Error;
        if (was.Outcome == Outcome.Passed && Failing(now))
        {
            return ChangeKind.Regressed;
        }

        if (Failing(was) && now.Outcome == Outcome.Passed)
        {
            return ChangeKind.Fixed;
        }

        return was.Outcome != now.Outcome || (now.Outcome == Outcome.Failed && was.Requirement != now.Requirement)
            ? ChangeKind.Changed
            : null;
    }

    public IEnumerable<ResultChange> Of(ChangeKind kind) => Changes.Where(c => c.Kind == kind);

    public bool HasRegressions => Changes.Any(c => c.Kind == ChangeKind.Regressed);

    public IReadOnlyList<string> RegressedRequirements =>
        Of(ChangeKind.Regressed).Select(c => c.Requirement).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Of(ChangeKind.Regressed).Count()} regressed, {Of(ChangeKind.Fixed).Count()} fixed, {Of(ChangeKind.Changed).Count()} changed, {Of(ChangeKind.Added).Count()} added, {Of(ChangeKind.Removed).Count()} removed");

    public string Text()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"stage conformance diff: {Old.Describe()} -> {New.Describe()}");
        foreach (var (kind, heading) in Headings)
        {
            var changes = Of(kind).ToList();
            if (changes.Count == 0)
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"{kind.ToString().ToUpperInvariant()} ({changes.Count}): {heading}");
            foreach (var change in changes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {change.Id}  {Transition(change)}{Evidence(change.New, kind)}");
            }
        }

        if (HasRegressions)
        {
            text.AppendLine("regressed requirements: " + string.Join(", ", RegressedRequirements));
        }

        text.AppendLine(Summary());
        return text.ToString();
    }

    public string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Stage conformance: what changed").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"From `{Old.Path}` (run `{Old.RunId}`, {Old.Results.Count} checks, {Old.Target}) to `{New.Path}` (run `{New.RunId}`, {New.Results.Count} checks, {New.Target}).").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**{(HasRegressions ? "REGRESSED" : "No regressions")}**: {Summary()}.").AppendLine();
        foreach (var (kind, heading) in Headings)
        {
            var changes = Of(kind).ToList();
            if (changes.Count == 0)
            {
                continue;
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"## {kind} ({changes.Count}): {heading}").AppendLine();
            md.AppendLine("| check | requirement | outcome | observed |").AppendLine("|---|---|---|---|");
            foreach (var change in changes)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| `{change.Id}` | `{change.Requirement}` | {Transition(change)} | {Cell(change.New?.Observed ?? change.New?.Reason)} |");
            }

            md.AppendLine();
            foreach (var change in changes.Where(c => c.Kind == ChangeKind.Regressed && c.New?.Reproducer is not null))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"Reproduce `{change.Id}`:").AppendLine();
                md.AppendLine("```sh").AppendLine(change.New!.Reproducer).AppendLine("```").AppendLine();
            }
        }

        return md.ToString();
    }

    private static readonly (ChangeKind Kind, string Heading)[] Headings =
    [
        (ChangeKind.Regressed, "passed before, failing now"),
        (ChangeKind.Fixed, "failing before, passing now"),
        (ChangeKind.Changed, "other changes of outcome"),
        (ChangeKind.Added, "checks only the new run has"),
        (ChangeKind.Removed, "checks only the old run has"),
    ];

    private static string Transition(ResultChange change) => change switch
    {
        { Old: null } => $"(new: {Name(change.New!)})",
        { New: null } => $"(was: {Name(change.Old)})",
        _ => $"{Name(change.Old)} -> {Name(change.New)}",
    };

    private static string Name(CheckResult result) =>
        result.Outcome == Outcome.Failed ? $"failed ({result.Requirement})" : ReportWriter.Name(result.Outcome);

    private static string Evidence(CheckResult? now, ChangeKind kind)
    {
        if (now is null || kind is ChangeKind.Fixed or ChangeKind.Removed)
        {
            return "";
        }

        var detail = now.Outcome == Outcome.Failed ? $"expected {now.Expected}; observed {now.Observed}" : now.Outcome == Outcome.Error ? now.Reason : null;
        return detail is null ? "" : "\n      " + Shorten(detail.ReplaceLineEndings(" "), 200);
    }

    private static string Cell(string? text) => Shorten((text ?? "").ReplaceLineEndings(" "), 160).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] + "..." : text;
}
