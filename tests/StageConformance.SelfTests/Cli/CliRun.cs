using System.Text.Json.Nodes;
using StageConformance.Cli;

namespace StageConformance.SelfTests.Cli;

/// <summary>Runs stageconf in-process and writes report.json files made of (id, requirement, outcome) rows.</summary>
internal sealed class CliRun : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "stageconf-cli-" + Guid.NewGuid().ToString("N"));

    public CliRun() => Directory.CreateDirectory(Folder);

    public (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public string Report(string name, params (string Id, string Requirement, string Outcome)[] rows)
    {
        var results = new JsonArray(rows.Select(row =>
        {
            var item = new JsonObject
            {
                ["id"] = row.Id,
                ["requirement"] = row.Requirement,
                ["dialect"] = "aws-rest-v1",
                ["kind"] = "violation",
                ["outcome"] = row.Outcome,
            };
            if (row.Outcome == "failed")
            {
                item["expected"] = "status 400";
                item["observed"] = "status 201";
                item["reproducer"] = "curl -X POST http://127.0.0.1:1/restapis/x/stages";
            }

            if (row.Outcome == "error")
            {
                item["reason"] = "target fault: connection reset";
            }

            return (JsonNode)item;
        }).ToArray());
        return Write(name, new JsonObject { ["runId"] = name, ["target"] = "http://127.0.0.1:1", ["results"] = results }.ToJsonString());
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
