using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Cli;
using StageConformance.Cli.Running;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using StageConformance.ReferenceTarget;
using StageConformance.SelfTests.Safety;

namespace StageConformance.SelfTests.Cli;

/// <summary>`stageconf run`: the suite without a test project, with the suite's settings, reports and gate as its exit code.</summary>
[NonParallelizable]
public sealed class RunCommandTests
{
    [Test]
    public void A_run_of_the_embedded_target_passes_the_gate_and_writes_the_reports_flags_winning_over_the_environment()
    {
        var reports = CleanupTests.TempDirectory();
        using var environment = new EnvironmentScope(new Dictionary<string, string?>
        {
            ["STAGECONF_DIALECTS"] = "aws-rest-v9", // overridden by the flag
            ["STAGECONF_RUN_ID"] = "envrun1",      // taken, no flag names it
            ["STAGECONF_BASE_URL"] = null,
            ["STAGECONF_EXPECTATIONS"] = null,
        });

        var (exit, output, error) = Run("run", "--dialects", DialectNames.AwsRestV1, "--report-dir", reports);

        var total = CheckCatalogue.For(DialectNames.AwsRestV1).Count;
        var lines = output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.That(exit, Is.EqualTo(RunCommand.GatePassed), output + error);
        Assert.That(lines[0], Does.StartWith("run envrun1 against embedded reference target http://127.0.0.1:").And.EndWith($": aws-rest-v1 {total} checks"));
        Assert.That(lines[1], Does.StartWith("will create (aws-rest-v1): rest api 'stageconf-envrun1'"));
        Assert.That(lines, Has.Some.EqualTo($"aws-rest-v1 {total}/{total} (0 failed)"));
        Assert.That(lines, Has.Some.StartsWith("gate PASSED"));
        Assert.That(lines, Has.Some.StartsWith($"{total} checks: {total} passed, 0 new failure(s)"));
        Assert.That(lines, Has.Some.EqualTo("report: " + Path.Combine(reports, "report.md")));
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(reports, "report.json")))!;
        Assert.That(report["runId"]!.GetValue<string>(), Is.EqualTo("envrun1"));
        Assert.That(report["results"]!.AsArray(), Has.Count.EqualTo(total));
        Assert.That(File.Exists(Path.Combine(reports, "junit.xml")), Is.True);
        Assert.That(error, Is.Empty);
    }

    [Test]
    public async Task A_target_that_breaks_a_rule_fails_the_gate_with_exit_1_and_a_reproducer_per_failure()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions { Mutant = "ncp.stageName.length" });
        var reports = CleanupTests.TempDirectory();
        using var environment = new EnvironmentScope(new Dictionary<string, string?> { ["STAGECONF_RUN_ID"] = null, ["STAGECONF_EXPECTATIONS"] = null, ["NCLOUD_ACCESS_KEY"] = null, ["NCLOUD_SECRET_KEY"] = null });

        var (exit, output, _) = Run("run", "--base-url", target.BaseUrl.AbsoluteUri, "--dialects", "ncp", "--report-dir", reports, "--property-cases", "5");

        Assert.That(exit, Is.EqualTo(RunCommand.GateFailed), output);
        Assert.That(output, Does.Contain("gate FAILED").And.Contain("new failure: ncp.stageName.length broken by"));
        Assert.That(Directory.GetFiles(Path.Combine(reports, "reproducers"), "ncp.stageName.length_*.sh"), Is.Not.Empty);
    }

    [Test]
    public void A_configuration_error_is_one_line_and_exit_2()
    {
        using var environment = new EnvironmentScope(new Dictionary<string, string?> { ["STAGECONF_BASE_URL"] = null });

        var (exit, output, error) = Run("run", "--dialects", "aws-rest-v9");

        Assert.That(exit, Is.EqualTo(RunCommand.ConfigurationError));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd('\n').Split('\n'), Is.EqualTo(new[]
        {
            "stageconf: configuration error: --dialects (STAGECONF_DIALECTS) names an unknown dialect 'aws-rest-v9': use aws-rest-v1, aws-http-v2, ncp",
        }));
    }

    [Test]
    public void Help_is_a_complete_reference()
    {
        var (exit, output, _) = Run("run", "--help");

        Assert.That(exit, Is.Zero);
        foreach (var (setting, option) in RunCommand.Flags())
        {
            Assert.That(output, Does.Contain(option.Name).And.Contain($"[env: {setting.Environment}]"), setting.Parameter);
        }

        foreach (var credential in SettingNames.All.Where(s => s.Parameter.Length == 0))
        {
            Assert.That(output, Does.Contain(credential.Environment));
        }

        Assert.That(output, Does.Contain("Exit codes: 0 the gate passed, 1 the gate failed").And.Contain("2 a configuration error"));
        Assert.That(RunCommand.Flags().Select(f => f.Setting), Is.EquivalentTo(SettingNames.All.Where(s => s.Parameter.Length > 0)), "every run setting has a flag");
    }

    [Test]
    public async Task Ctrl_c_deletes_what_the_run_created_and_leaves_reports_marked_interrupted()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = CleanupTests.Client(target.BaseUrl);
        var reports = CleanupTests.TempDirectory();
        var start = new ProcessStartInfo("dotnet",
            [Path.Combine(RepositoryPaths.Root, "src", "StageConformance.Cli", "bin", "Debug", "net10.0", "stageconf.dll"),
             "run", "--base-url", target.BaseUrl.AbsoluteUri, "--dialects", "aws-rest-v1", "--property-cases", "200", "--run-id", "clictl1", "--report-dir", reports])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var run = System.Diagnostics.Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await CleanupTests.WaitForSuiteResourcesAsync(client);
        using (var interrupt = System.Diagnostics.Process.Start(new ProcessStartInfo("kill", ["-s", "INT", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await interrupt.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await run.WaitForExitAsync(timeout.Token);

        var output = await stdout + await stderr;
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")))!;
        Assert.That(await CleanupTests.SuiteApisAsync(client), Is.Empty, output);
        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(report["runId"]!.GetValue<string>(), Is.EqualTo("clictl1"));
        Assert.That(report["interrupted"]?.GetValue<string>(), Is.EqualTo("SIGINT"), output);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(reports, "report.md")), Does.Contain("**Interrupted** (SIGINT)"));
    }

    /// <summary>In a terminal (here a pseudo-terminal from util-linux's script) the run draws a live progress bar per dialect.</summary>
    [Test]
    public async Task In_a_terminal_the_run_shows_a_live_progress_bar_per_dialect()
    {
        var reports = CleanupTests.TempDirectory();
        var dll = Path.Combine(RepositoryPaths.Root, "src", "StageConformance.Cli", "bin", "Debug", "net10.0", "stageconf.dll");
        var command = $"dotnet '{dll}' run --dialects aws-http-v2,ncp --property-cases 5 --report-dir '{reports}'";

        string output;
        try
        {
            output = await Process("script", reports, "-qec", command, "/dev/null");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("not run: no 'script' command to give the run a terminal");
            return;
        }

        Assert.That(output, Does.Contain("\u001b["), "ANSI: drawn for a terminal");
        Assert.That(output, Does.Contain("\u2501"), "progress bar segments");
        Assert.That(output, Does.Contain("aws-http-v2").And.Contain("ncp"));
        Assert.That(output, Does.Contain("gate PASSED"));
    }

    /// <summary>As an emulator team would take it: packed to a folder, installed as a tool, run from a folder that is no clone.</summary>
    [Test]
    public async Task The_packed_tool_installs_and_runs_outside_the_repository()
    {
        var work = CleanupTests.TempDirectory();
        var packages = Path.Combine(work, "packages");
        await Process("dotnet", RepositoryPaths.Root, "pack", Path.Combine("src", "StageConformance.Cli"), "-o", packages, "--nologo", "-v", "q");
        await Process("dotnet", work, "tool", "install", "stageconf", "--tool-path", Path.Combine(work, "tools"), "--add-source", packages);
        var elsewhere = Path.Combine(work, "emulator-project");
        Directory.CreateDirectory(elsewhere);

        var output = await Process(Path.Combine(work, "tools", "stageconf"), elsewhere, "run", "--dialects", "ncp", "--run-id", "tool01", "--property-cases", "5");

        Assert.That(output, Does.Contain("gate PASSED"));
        Assert.That(File.Exists(Path.Combine(elsewhere, "TestResults", "conformance", "report.md")), Is.True, "reports go under the folder it runs in");
        Directory.Delete(work, recursive: true);
    }

    private static async Task<string> Process(string file, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
