using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.ReferenceTarget;
using StageConformance.Reporting;
using StageConformance.Running;

namespace StageConformance.Cli.Running;

/// <summary>
/// <c>stageconf run</c>: the suite without a .NET test project, for emulator teams in any language.
/// The settings are the suite's (<see cref="SettingNames"/>), each as a flag or its environment
/// variable (a flag wins); the reports are the suite's; the exit code is the gate's.
/// </summary>
public static class RunCommand
{
    public const int GatePassed = 0;
    public const int GateFailed = 1;
    public const int ConfigurationError = 2;

    /// <summary>Progress lines in a plain (non-interactive) console come at most this often.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(3);

    private const string Description =
        "Run the conformance checks against a target and write report.json, report.md, junit.xml and reproducers/<check>.sh.\n"
        + "Without --base-url it starts the embedded reference target. Each option can also be set by the environment variable named "
        + "beside it; an option given on the command line wins.\n"
        + "Credentials come from the environment only: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (aws-* dialects), "
        + "NCLOUD_ACCESS_KEY, NCLOUD_SECRET_KEY (ncp); a target on this machine without them gets test/test.\n"
        + "Exit codes: 0 the gate passed, 1 the gate failed (new failures, errors, or nothing judged), 2 a configuration error (one line says what to fix).";

    /// <summary>The settings that have a flag: every one with a run-settings name (credentials stay in the environment).</summary>
    public static IReadOnlyList<(SettingName Setting, Option<string?> Option)> Flags() =>
        SettingNames.All.Where(s => s.Parameter.Length > 0)
            .Select(s => (s, new Option<string?>("--" + Kebab(s.Parameter)) { Description = $"{s.Meaning} [env: {s.Environment}]", HelpName = HelpName(s) }))
            .ToList();

    public static Command Create(TextWriter output, TextWriter error)
    {
        var flags = Flags();
        var command = new Command("run", Description);
        foreach (var (_, option) in flags)
        {
            command.Options.Add(option);
        }

        command.SetAction((parsed, ct) =>
        {
            var environment = new Dictionary<string, string>(SettingsLoader.CurrentEnvironment(), StringComparer.Ordinal);
            var given = new List<SettingName>();
            foreach (var (setting, option) in flags)
            {
                if (parsed.GetValue(option) is { } value)
                {
                    environment[setting.Environment] = value;
                    given.Add(setting);
                }
            }

            return RunAsync(environment, given, output, error, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string> environment, List<SettingName> given, TextWriter output, TextWriter error, CancellationToken ct)
    {
        // Paths are taken from where stageconf runs, not from a repository it may not be in.
        environment[SettingNames.ReportDir.Environment] = Path.GetFullPath(environment.GetValueOrDefault(SettingNames.ReportDir.Environment) is { Length: > 0 } dir ? dir : Path.Combine("TestResults", "conformance"));
        if (environment.GetValueOrDefault(SettingNames.Expectations.Environment) is { Length: > 0 } expectations)
        {
            environment[SettingNames.Expectations.Environment] = Path.GetFullPath(expectations);
        }

        SuiteSettings settings;
        try
        {
            settings = SettingsLoader.Load(new Dictionary<string, string>(), environment);
            if (settings.BaseUrl is not null)
            {
                await Reachability.EnsureAsync(settings.BaseUrl);
            }
        }
        catch (ConfigurationException e)
        {
            await error.WriteLineAsync("stageconf: configuration error: " + Flagged(e.Message, given));
            return ConfigurationError;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = ReferenceEquals(output, Console.Out) ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = ReferenceEquals(output, Console.Out) ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = 4096; // a log or a pipe: one line per line, never wrapped at 80 columns
        }

        await using var embedded = settings.BaseUrl is null ? await EmbeddedTarget.StartAsync(mutant: null) : null;
        var endpoint = embedded?.Endpoint
            ?? new TargetEndpoint(settings.BaseUrl!, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials), Description: settings.BaseUrl!.GetLeftPart(UriPartial.Authority));
        var checks = settings.Dialects.ToDictionary(d => d, d => CheckCatalogue.For(d), StringComparer.Ordinal);
        var plan = RunPlan.Lines(settings, endpoint).ToList();
        console.MarkupLine("[bold]" + Markup.Escape(plan[0]) + "[/]");
        foreach (var line in plan.Skip(1))
        {
            console.WriteLine(line);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        ReportWriter.Begin(settings, endpoint, DateTimeOffset.UtcNow);
        ConformanceSession session;
        try
        {
            session = await ConformanceSession.StartAsync(settings, endpoint, ct);
        }
        catch (ConfigurationException e)
        {
            await error.WriteLineAsync("stageconf: configuration error: " + Flagged(e.Message, given));
            return ConfigurationError;
        }

        await using (session)
        {
            var progress = new RunProgress(checks.ToDictionary(c => c.Key, c => c.Value.Count, StringComparer.Ordinal), settings.Expectations, ProgressInterval);
            if (console.Profile.Capabilities.Interactive)
            {
                await LiveAsync(console, session, checks, progress, ct);
            }
            else
            {
                session.ResultRecorded += result =>
                {
                    if (progress.Record(result) is { } line)
                    {
                        console.WriteLine(line);
                    }
                };
                await RunChecksAsync(session, checks, ct);
            }
        }

        var gate = ExpectationGate.Summarize(session.Results, settings.Expectations);
        foreach (var line in gate.Lines())
        {
            if (line.StartsWith("gate ", StringComparison.Ordinal))
            {
                console.MarkupLine((gate.Passed ? "[green]" : "[red]") + Markup.Escape(line) + "[/]");
            }
            else
            {
                console.WriteLine(line);
            }
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{gate.TotalsLine()} in {clock.Elapsed.TotalSeconds:0.0} s"));
        console.WriteLine("report: " + Path.Combine(settings.ReportDirectory, "report.md"));
        foreach (var leftover in session.Leftovers)
        {
            console.WriteLine("LEFT ON TARGET: " + leftover);
        }

        return gate.Passed ? GatePassed : GateFailed;
    }

    /// <summary>A live display in a terminal: one bar per dialect, its failures so far in its label.</summary>
    private static Task LiveAsync(IAnsiConsole console, ConformanceSession session, Dictionary<string, IReadOnlyList<Check>> checks, RunProgress progress, CancellationToken ct) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = checks.ToDictionary(c => c.Key, c => context.AddTask(c.Key, maxValue: c.Value.Count), StringComparer.Ordinal);
                var failed = checks.Keys.ToDictionary(d => d, _ => 0, StringComparer.Ordinal);
                session.ResultRecorded += result =>
                {
                    progress.Record(result);
                    if (!tasks.TryGetValue(result.Dialect, out var task))
                    {
                        return;
                    }

                    if (GateVerdicts.FailsRun(ExpectationGate.Judge(result, session.Settings.Expectations).Verdict))
                    {
                        failed[result.Dialect]++;
                    }

                    task.Description = failed[result.Dialect] == 0 ? result.Dialect : $"{result.Dialect} [red]({failed[result.Dialect]} failed)[/]";
                    task.Increment(1);
                };
                await RunChecksAsync(session, checks, ct);
            });

    private static async Task RunChecksAsync(ConformanceSession session, Dictionary<string, IReadOnlyList<Check>> checks, CancellationToken ct)
    {
        foreach (var check in checks.Values.SelectMany(c => c))
        {
            ct.ThrowIfCancellationRequested();
            await session.RunAsync(check);
        }
    }

    /// <summary>A message names the environment variable; when the flag set the value, it names the flag too.</summary>
    private static string Flagged(string message, IEnumerable<SettingName> given) =>
        given.Aggregate(message, (text, setting) => text.Replace(setting.Environment, $"--{Kebab(setting.Parameter)} ({setting.Environment})", StringComparison.Ordinal));

    private static string Kebab(string camel) =>
        string.Concat(camel.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static string HelpName(SettingName setting) => setting.Parameter switch
    {
        "baseUrl" => "url",
        "dialects" => "list",
        "reportDir" => "dir",
        "expectations" => "file",
        "allowRealCloud" => "true|false",
        "rateLimit" => "rps[,burst]|off",
        "runId" => "id",
        "replay" => "check=seed,gamma,size",
        _ => "value",
    };
}
