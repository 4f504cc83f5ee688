using System.Diagnostics;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Safety;

/// <summary>
/// The suite as a user runs it: `dotnet test tests/StageConformance.Suite` in its own process group,
/// so a self-test can interrupt or kill it like a person or a CI runner would.
/// </summary>
internal sealed class SuiteProcess : IDisposable
{
    private static readonly Lazy<Task> Built = new(BuildAsync);
    private readonly Process process;
    private readonly Task<string> stdout;
    private readonly Task<string> stderr;

    private SuiteProcess(Process process)
    {
        this.process = process;
        stdout = process.StandardOutput.ReadToEndAsync();
        stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => process.Id;

    public static async Task<SuiteProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string resultsDirectory)
    {
        await Built.Value;
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dotnet", "test", Path.Combine("tests", "StageConformance.Suite"), "--no-build", "--logger", "trx", "--results-directory", resultsDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new SuiteProcess(Process.Start(start)!);
    }

    /// <summary>Signals the whole process group (dotnet test and its test host), as a terminal's Ctrl-C does.</summary>
    public void SignalGroup(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, "--", "-" + process.Id]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public async Task<(int ExitCode, string Output)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            SignalGroup("KILL");
        }

        process.Dispose();
    }

    private static async Task BuildAsync()
    {
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine("tests", "StageConformance.Suite"), "--nologo", "-v", "q"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = await build.StandardOutput.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building the suite failed:\n" + output);
        }
    }
}
