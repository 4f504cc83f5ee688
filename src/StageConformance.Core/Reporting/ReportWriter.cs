using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.Running;

namespace StageConformance.Reporting;

/// <summary>Writes report.json (for machines and CI gates), report.md (for people) and junit.xml (for CI systems that read JUnit) to the report directory.</summary>
public static class ReportWriter
{
    /// <summary>Bumped whenever the meaning of a report field changes, so consumers can tell.</summary>
    public const string ContractVersion = "1.2";

    /// <summary>Where the reproducer scripts go, inside the report directory.</summary>
    public const string ReproducersFolder = "reproducers";

    public static readonly IReadOnlyList<string> Files = ["report.json", "report.md", "junit.xml"];

    /// <summary>
    /// Before a run: the previous run's reports and reproducers go, and reports saying this run has not
    /// finished take their place, so a run that is killed never leaves an earlier run's verdict behind.
    /// The run's own reports replace them when it ends (marked interrupted on Ctrl-C or SIGTERM).
    /// </summary>
    public static void Begin(SuiteSettings settings, TargetEndpoint endpoint, DateTimeOffset started)
    {
        var reproducers = Path.Combine(settings.ReportDirectory, ReproducersFolder);
        if (Directory.Exists(reproducers))
        {
            Directory.Delete(reproducers, recursive: true);
        }

        Write(settings, endpoint, started, TimeSpan.Zero, [], [],
            $"unfinished: run {settings.RunId} started at {started:yyyy-MM-dd HH:mm:ss} UTC and has not written its results (it is still running, or it was killed)");
    }

    public static string Write(
        SuiteSettings settings, TargetEndpoint endpoint, DateTimeOffset started, TimeSpan elapsed, IReadOnlyList<CheckResult> results, IReadOnlyList<string> leftovers,
        string? interrupted = null, IReadOnlyList<string>? observations = null, IReadOnlyDictionary<string, string>? reproducerScripts = null,
        IReadOnlyDictionary<string, long>? requests = null)
    {
        Directory.CreateDirectory(settings.ReportDirectory);
        var files = WriteReproducers(settings.ReportDirectory, reproducerScripts ?? new Dictionary<string, string>());
        var ordered = results.OrderBy(r => r.Dialect, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var run = new RunFacts(
            settings.RunId,
            endpoint.Description.Length > 0 ? endpoint.Description : endpoint.BaseUrl.GetLeftPart(UriPartial.Authority),
            settings.Dialects,
            started,
            elapsed,
            ExpectationGate.Summarize(ordered, settings.Expectations),
            leftovers,
            interrupted,
            files) { Observations = observations ?? [], Requests = requests ?? new Dictionary<string, long>() };
        var jsonPath = Path.Combine(settings.ReportDirectory, "report.json");
        File.WriteAllText(jsonPath, Json(run).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(settings.ReportDirectory, "report.md"), MarkdownReport.Render(run));
        File.WriteAllText(Path.Combine(settings.ReportDirectory, "junit.xml"), JunitReport.Render(run));
        return jsonPath;
    }

    /// <summary>Writes one executable script per failure; returns check id to path relative to the report directory.</summary>
    private static Dictionary<string, string> WriteReproducers(string reportDirectory, IReadOnlyDictionary<string, string> scripts)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (scripts.Count == 0)
        {
            return files;
        }

        var folder = Path.Combine(reportDirectory, ReproducersFolder);
        Directory.CreateDirectory(folder);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (checkId, script) in scripts.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var name = Http.ReproducerScript.FileName(checkId);
            for (var n = 2; !taken.Add(name); n++)
            {
                name = Http.ReproducerScript.FileName(checkId)[..^3] + string.Create(CultureInfo.InvariantCulture, $"-{n}.sh");
            }

            var path = Path.Combine(folder, name);
            File.WriteAllText(path, script);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            files[checkId] = ReproducersFolder + "/" + name;
        }

        return files;
    }

    public static JsonObject Json(RunFacts run) => new()
    {
        ["contractVersion"] = ContractVersion,
        ["runId"] = run.RunId,
        ["target"] = run.Target,
        ["dialects"] = new JsonArray(run.Dialects.Select(d => (JsonNode)JsonValue.Create(d)).ToArray()),
        ["startedAt"] = run.Started.ToString("O", CultureInfo.InvariantCulture),
        ["durationMs"] = Math.Round(run.Elapsed.TotalMilliseconds),
        ["totals"] = Totals(run.Gate.Results.Select(g => g.Result).ToList()),
        ["requests"] = Requests(run.Requests),
        ["gate"] = Gate(run.Gate),
        ["interrupted"] = run.Interrupted,
        ["leftovers"] = new JsonArray(run.Leftovers.Select(l => (JsonNode)JsonValue.Create(l)).ToArray()),
        ["observations"] = new JsonArray(run.Observations.Select(o => (JsonNode)JsonValue.Create(o)).ToArray()),
        ["results"] = new JsonArray(run.Gate.Results.Select(g => ToJson(g, run.ReproducerFile(g.Result.Id))).ToArray()),
    };

    private static JsonObject Totals(IReadOnlyList<CheckResult> results)
    {
        var totals = new JsonObject();
        foreach (var outcome in Enum.GetValues<Outcome>())
        {
            totals[Name(outcome)] = results.Count(r => r.Outcome == outcome);
        }

        return totals;
    }

    private static JsonObject Requests(IReadOnlyDictionary<string, long> requests)
    {
        var perDialect = new JsonObject();
        foreach (var (dialect, count) in requests.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            perDialect[dialect] = count;
        }

        return new JsonObject { ["total"] = requests.Values.Sum(), ["perDialect"] = perDialect };
    }

    private static JsonObject Gate(GateSummary gate)
    {
        var node = new JsonObject
        {
            ["verdict"] = gate.Passed ? "passed" : "failed",
            ["reason"] = gate.FailureReason,
            ["expectations"] = gate.Expectations.Source,
        };
        var counts = new JsonObject();
        foreach (var verdict in Enum.GetValues<GateVerdict>())
        {
            counts[GateVerdicts.Name(verdict)] = gate.Count(verdict);
        }

        node["counts"] = counts;
        node["brokenRequirements"] = new JsonArray(gate.BrokenRequirements.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
        node["unexpectedPasses"] = new JsonArray(gate.UnexpectedPasses.Select(e => (JsonNode)JsonValue.Create(e.Key)).ToArray());
        return node;
    }

    private static JsonObject ToJson(GatedResult gated, string? reproducerFile)
    {
        var r = gated.Result;
        var node = new JsonObject
        {
            ["id"] = r.Id,
            ["requirement"] = r.Requirement,
            ["dialect"] = r.Dialect,
            ["kind"] = r.Kind,
            ["description"] = r.Description,
            ["outcome"] = Name(r.Outcome),
            ["gate"] = GateVerdicts.Name(gated.Verdict),
            ["durationMs"] = Math.Round(r.DurationMs, 1),
        };
        void Optional(string key, string? value)
        {
            if (value is not null)
            {
                node[key] = value;
            }
        }

        if (gated.Expectation is { } e)
        {
            var expectation = new JsonObject { ["key"] = e.Key, ["expected"] = Expectation.Name(e.Expected), ["reason"] = e.Reason };
            if (e.Link is not null)
            {
                expectation["link"] = e.Link;
            }

            if (e.Until is { } until)
            {
                expectation["until"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            node["expectation"] = expectation;
        }

        Optional("evidence", Requirements.RequirementCatalogue.EvidenceOf(r.Dialect, r.Requirement) is { } kind ? Requirements.Evidence.Name(kind) : null);
        Optional("expected", r.Expected);
        Optional("observed", r.Observed);
        Optional("reason", r.Reason);
        Optional("counterexample", r.Counterexample);
        Optional("replay", r.Replay);
        Optional("reproducer", r.Reproducer);
        Optional("reproducerScript", reproducerFile);
        Optional("response", r.Response);
        return node;
    }

    public static string Name(Outcome outcome) => outcome.ToString().ToLowerInvariant();
}
