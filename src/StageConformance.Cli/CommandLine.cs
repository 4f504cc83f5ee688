using System.CommandLine;
using StageConformance.Cli.Diff;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.Infrastructure;
using StageConformance.Reporting;

namespace StageConformance.Cli;

/// <summary>
/// stageconf: <c>run</c> runs the suite (exit codes its own: the gate's), <c>diff</c> compares two runs,
/// <c>expectations write</c> turns a run into a target's expectations file, <c>expectations check</c>
/// validates one, <c>sweep</c> deletes leftovers. Exit codes: 0 fine, 1 regressions, 2 bad input.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Regressed = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Stage conformance suite: run the checks against a target, compare runs, write and check a target's expectations, sweep leftovers.");
        root.Subcommands.Add(DiffCommand(output));
        var expectations = new Command("expectations", "Write or check a target's expectations file (schemas/expectations.schema.json).");
        expectations.Subcommands.Add(WriteCommand(output));
        expectations.Subcommands.Add(CheckCommand(output));
        root.Subcommands.Add(expectations);
        root.Subcommands.Add(SweepCommand(output, error));
        root.Subcommands.Add(Cli.Running.RunCommand.Create(output, error));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine("stageconf: " + problem.Message);
            }

            error.WriteLine("stageconf: see 'stageconf --help'");
            return BadInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,

                // Ctrl-C and SIGTERM belong to the run's session, which deletes what it created and writes the reports marked interrupted; a 2 s cut-off would leave resources.
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e) when (e is InvalidDataException or ConfigurationException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine("stageconf: " + e.Message);
            return BadInput;
        }
    }

    private static Command DiffCommand(TextWriter output)
    {
        var oldReport = new Argument<string>("old") { Description = "report.json of the earlier run (the baseline)" };
        var newReport = new Argument<string>("new") { Description = "report.json of the later run" };
        var markdown = new Option<string?>("--markdown") { Description = "also write the diff as Markdown to this file" };
        var command = new Command("diff", "Print what regressed, got fixed, changed, was added or removed between two report.json files; exit 1 on regressions.")
        {
            oldReport, newReport, markdown,
        };
        command.SetAction(parsed =>
        {
            var diff = ReportDiff.Compare(ReportFile.Load(parsed.GetValue(oldReport)!), ReportFile.Load(parsed.GetValue(newReport)!));
            output.Write(diff.Text());
            if (parsed.GetValue(markdown) is { } path)
            {
                WriteFile(path, diff.Markdown());
                output.WriteLine("markdown written to " + path);
            }

            return diff.HasRegressions ? Regressed : Ok;
        });
        return command;
    }

    private static Command WriteCommand(TextWriter output)
    {
        var report = new Argument<string>("report") { Description = "report.json of the run to adopt" };
        var outFile = new Option<string>("--out") { Description = "the expectations file to write", Required = true };
        var keep = new Option<string?>("--keep") { Description = "an existing expectations file whose entries (reasons, links, expiry) are kept while they still hold" };
        var target = new Option<string?>("--target") { Description = "the target in words (default: the kept file's, else the report's)" };
        var command = new Command("write", "Write a target's expectations file from a run's report: each failure expected, existing reasons kept, entries that pass now dropped; errors are left out (listed, with why).")
        {
            report, outFile, keep, target,
        };
        command.SetAction(parsed =>
        {
            var run = ReportFile.Load(parsed.GetValue(report)!);
            var existing = parsed.GetValue(keep) is { } keepPath
                ? ExpectationsFile.Load(Existing(keepPath), KnownIds.Current(), today: null)
                : ExpectationSet.None;
            var update = ExpectationsFromReport.Update(run.Results, existing, $"run {run.RunId ?? "?"}");
            var path = parsed.GetValue(outFile)!;
            var text = ExpectationsFile.Serialize(update.Expectations, parsed.GetValue(target) ?? existing.Target ?? run.Target, SchemaReference(path));
            ExpectationsFile.Parse(text, path, KnownIds.Current(), today: null);
            WriteFile(path, text);

            output.WriteLine($"wrote {path}: {update.Expectations.Count} expectation(s): {update.Kept.Count} kept, {update.Added.Count} added, {update.Dropped.Count} dropped");
            foreach (var added in update.Added)
            {
                output.WriteLine($"  added {Expectation.Name(added.Expected)} {added.Key}: write why in its reason");
            }

            foreach (var dropped in update.Dropped)
            {
                output.WriteLine($"  dropped {dropped.Key}: it passes now");
            }

            if (update.LeftOut.Count > 0)
            {
                output.WriteLine($"left out {update.LeftOut.Count} error(s): an error has no verdict, so it is no known deviation; fix the target or the setup and run again "
                    + "(to stop running a check on purpose, write a skip entry with the reason by hand)");
                foreach (var left in update.LeftOut)
                {
                    output.WriteLine($"  left out {left.Result.Id}: {left.Why}");
                }
            }

            foreach (var expired in update.Kept.Where(e => e.Until < DateOnly.FromDateTime(DateTime.UtcNow)))
            {
                output.WriteLine($"  kept {expired.Key}, which expired on {expired.Until:yyyy-MM-dd}: runs refuse the file until 'until' moves forward or the entry goes");
            }

            return Ok;
        });
        return command;
    }

    private static Command CheckCommand(TextWriter output)
    {
        var file = new Argument<string>("file") { Description = "the expectations file to validate" };
        var command = new Command("check", "Validate an expectations file as a run would: format, known ids, expiry.") { file };
        command.SetAction(parsed =>
        {
            var set = ExpectationsFile.Load(Existing(parsed.GetValue(file)!), KnownIds.Current(), DateOnly.FromDateTime(DateTime.UtcNow));
            output.WriteLine($"{parsed.GetValue(file)}: {set.Count} expectation(s), valid");
            return Ok;
        });
        return command;
    }

    private static Command SweepCommand(TextWriter output, TextWriter error)
    {
        var command = new Command(
            "sweep",
            "Delete what earlier runs left on the target named by STAGECONF_BASE_URL and STAGECONF_DIALECTS (credentials from the environment): "
            + "only resources named stageconf-<run id>, nothing else. Exit 1 when something could not be deleted.");
        command.SetAction(_ =>
        {
            var settings = SettingsLoader.Load(new Dictionary<string, string>(), SettingsLoader.CurrentEnvironment());
            if (settings.BaseUrl is null)
            {
                throw new ConfigurationException($"sweep needs the target: set {SettingNames.BaseUrl.Environment} and {SettingNames.Dialects.Environment}");
            }

            var failed = 0;
            foreach (var dialect in settings.Dialects)
            {
                var credentials = new StageConformance.Running.TargetCredentials(settings.AwsCredentials, settings.NcpCredentials);
                using var client = new Http.TargetClient(
                    settings.BaseUrl, Dialects.DialectRegistry.CreateSigner(dialect, credentials, settings), settings.RequestTimeout, settings.RateLimitFor(dialect));
                var api = Dialects.DialectRegistry.CreateApi(dialect, client, settings);
                var result = api.SweepAsync(CancellationToken.None).GetAwaiter().GetResult();
                foreach (var deleted in result.Deleted)
                {
                    output.WriteLine($"{dialect}: deleted {deleted}");
                }

                foreach (var problem in result.Failed)
                {
                    error.WriteLine($"{dialect}: could not delete {problem}");
                }

                output.WriteLine($"{dialect}: {result.Deleted.Count} deleted, {result.Failed.Count} left");
                failed += result.Failed.Count;
            }

            return failed == 0 ? Ok : Regressed;
        });
        return command;
    }

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new InvalidDataException($"{path}: no such file");

    /// <summary>A $schema link from the written file to the format, when the file lies inside the repository.</summary>
    private static string? SchemaReference(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var relative = Path.GetRelativePath(RepositoryPaths.Root, directory);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? null
            : Path.GetRelativePath(directory, ExpectationsFile.SchemaPath).Replace('\\', '/');
    }

    private static void WriteFile(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text);
    }
}
