using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Requirements;
using StageConformance.Running;

namespace StageConformance.Reporting;

/// <summary>Writes report.json (for machines and CI gates) and report.md (for people) to the report directory.</summary>
public static class ReportWriter
{
    /// <summary>Bumped whenever the meaning of a report field changes, so consumers can tell.</summary>
    public const string ContractVersion = "1.0";

    public static string Write(SuiteSettings settings, TargetEndpoint endpoint, DateTimeOffset started, TimeSpan elapsed, IReadOnlyList<CheckResult> results, IReadOnlyList<string> leftovers, string? interrupted = null)
    {
        Directory.CreateDirectory(settings.ReportDirectory);
        var ordered = results.OrderBy(r => r.Dialect, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var json = new JsonObject
        {
            ["contractVersion"] = ContractVersion,
            ["runId"] = settings.RunId,
            ["target"] = endpoint.Description.Length > 0 ? endpoint.Description : endpoint.BaseUrl.GetLeftPart(UriPartial.Authority),
            ["dialects"] = new JsonArray(settings.Dialects.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
            ["startedAt"] = started.ToString("O", CultureInfo.InvariantCulture),
            ["durationMs"] = Math.Round(elapsed.TotalMilliseconds),
            ["totals"] = Totals(ordered),
            ["interrupted"] = interrupted,
            ["leftovers"] = new JsonArray(leftovers.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
            ["results"] = new JsonArray(ordered.Select(ToJson).ToArray()),
        };
        var jsonPath = Path.Combine(settings.ReportDirectory, "report.json");
        File.WriteAllText(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(settings.ReportDirectory, "report.md"), Markdown(settings, endpoint, elapsed, ordered, leftovers));
        return jsonPath;
    }

    private static JsonObject Totals(IReadOnlyList<CheckResult> results)
    {
        var totals = new JsonObject();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            totals[Name(outcome)] = results.Count(r => r.Outcome == outcome);
        }

        return totals;
    }

    private static JsonNode ToJson(CheckResult r)
    {
        var node = new JsonObject
        {
            ["id"] = r.Id,
            ["requirement"] = r.Requirement,
            ["dialect"] = r.Dialect,
            ["kind"] = r.Kind,
            ["description"] = r.Description,
            ["outcome"] = Name(r.Outcome),
            ["durationMs"] = Math.Round(r.DurationMs, 1),
        };
        void Optional(string key, string? value)
        {
            if (value is not null)
            {
                node[key] = value;
            }
        }

        Optional("expected", r.Expected);
        Optional("observed", r.Observed);
        Optional("reason", r.Reason);
        Optional("counterexample", r.Counterexample);
        Optional("replay", r.Replay);
        Optional("reproducer", r.Reproducer);
        Optional("response", r.Response);
        return node;
    }

    public static string Name(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    private static string Markdown(SuiteSettings settings, TargetEndpoint endpoint, TimeSpan elapsed, IReadOnlyList<CheckResult> results, IReadOnlyList<string> leftovers)
    {
        var md = new StringBuilder();
        md.AppendLine("# Stage conformance report").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Target: `{(endpoint.Description.Length > 0 ? endpoint.Description : endpoint.BaseUrl.GetLeftPart(UriPartial.Authority))}` · run `{settings.RunId}` · {elapsed.TotalSeconds:0.0} s").AppendLine();
        md.AppendLine("| dialect | passed | failed | error | skipped |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var dialect in results.GroupBy(r => r.Dialect))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {dialect.Key} | {Count(dialect, Outcome.Passed)} | {Count(dialect, Outcome.Failed)} | {Count(dialect, Outcome.Error)} | {Count(dialect, Outcome.Skipped)} |");
        }

        md.AppendLine().AppendLine("## Per requirement").AppendLine();
        md.AppendLine("| requirement | verdict | checks (passed/failed/error/skipped) | statement |").AppendLine("|---|---|---|---|");
        foreach (var dialect in results.GroupBy(r => r.Dialect))
        {
            var catalogue = RequirementCatalogue.Load(dialect.Key);
            foreach (var requirement in catalogue.All)
            {
                var mine = dialect.Where(r => r.Requirement == requirement.Id).ToList();
                var verdict = mine.Any(r => r.Outcome == Outcome.Failed) ? "**FAILED**"
                    : mine.Any(r => r.Outcome == Outcome.Error) ? "error"
                    : mine.Any(r => r.Outcome == Outcome.Passed) ? "passed" : "not run";
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| `{requirement.Id}` | {verdict} | {Count(mine, Outcome.Passed)}/{Count(mine, Outcome.Failed)}/{Count(mine, Outcome.Error)}/{Count(mine, Outcome.Skipped)} | {requirement.Statement} |");
            }
        }

        var problems = results.Where(r => r.Outcome is Outcome.Failed or Outcome.Error).ToList();
        if (problems.Count > 0)
        {
            md.AppendLine().AppendLine("## Failures and errors").AppendLine();
            foreach (var r in problems)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"### {Name(r.Outcome)}: `{r.Id}`").AppendLine();
                md.AppendLine(CultureInfo.InvariantCulture, $"- requirement: `{r.Requirement}`");
                Line(md, "expected", r.Expected);
                Line(md, "observed", r.Observed);
                Line(md, "reason", r.Reason);
                Line(md, "counterexample", r.Counterexample);
                Line(md, "replay", r.Replay);
                if (r.Reproducer is not null)
                {
                    md.AppendLine().AppendLine("```sh").AppendLine(r.Reproducer).AppendLine("```");
                }

                md.AppendLine();
            }
        }

        if (leftovers.Count > 0)
        {
            md.AppendLine("## Left on the target").AppendLine();
            foreach (var leftover in leftovers)
            {
                md.AppendLine("- " + leftover);
            }
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string label, string? value)
    {
        if (value is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {value.Replace("\n", " ", StringComparison.Ordinal)}");
        }
    }

    private static int Count(IEnumerable<CheckResult> results, Outcome outcome) => results.Count(r => r.Outcome == outcome);
}
