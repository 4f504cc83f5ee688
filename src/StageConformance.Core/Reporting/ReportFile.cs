using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Checks;

namespace StageConformance.Reporting;

/// <summary>A report.json read back: the run's facts and its results, as the regression diff and the expectations writer need them.</summary>
public sealed record ReportFile(string Path, string? RunId, string? Target, IReadOnlyList<CheckResult> Results)
{
    /// <exception cref="InvalidDataException">Not a readable report.json; the message is one line naming the file.</exception>
    public static ReportFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ReportFile Parse(string json, string path)
    {
        InvalidDataException Problem(string what) => new($"{path}: {what.ReplaceLineEndings(" ")}");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Problem("not valid JSON: " + e.Message);
        }

        if (root?["results"] is not JsonArray items)
        {
            throw Problem("not a conformance report (no 'results' array)");
        }

        var results = new List<CheckResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, index) in items.Select((item, index) => (item, index)))
        {
            string Required(string name) => item?[name] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw Problem($"results[{index}] has no string '{name}'");
            string? Optional(string name) => item?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

            var id = Required("id");
            if (!seen.Add(id))
            {
                throw Problem($"the check '{id}' appears twice");
            }

            var outcomeName = Required("outcome");
            if (!Enum.TryParse<Outcome>(outcomeName, ignoreCase: true, out var outcome) || ReportWriter.Name(outcome) != outcomeName)
            {
                throw Problem($"results[{index}] ('{id}') has the unknown outcome '{outcomeName}'");
            }

            results.Add(new CheckResult(
                id,
                Required("requirement"),
                Required("dialect"),
                Optional("kind") ?? "",
                Optional("description") ?? "",
                outcome,
                Optional("expected"),
                Optional("observed"),
                Optional("reproducer"),
                Optional("response"),
                Optional("counterexample"),
                Optional("replay"),
                Optional("reason"),
                item?["durationMs"] is JsonValue ms && ms.TryGetValue<double>(out var duration) ? duration : 0));
        }

        return new ReportFile(path, root["runId"]?.ToString(), root["target"]?.ToString(), results);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(Path)} (run {RunId ?? "?"}, {Results.Count} checks)");
}
