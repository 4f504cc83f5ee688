using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Requirements;
using StageConformance.SelfTests.Safety;

namespace StageConformance.SelfTests.Suite;

/// <summary>What a person sees at the default verbosity of `dotnet test tests/StageConformance.Suite`.</summary>
[NonParallelizable]
public sealed class SuiteConsoleTests
{
    private const string Prefix = "stage conformance: ";

    [Test]
    public async Task The_default_console_shows_the_plan_progress_the_verdict_totals_and_the_report_path()
    {
        var reports = CleanupTests.TempDirectory();
        using var run = await SuiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["STAGECONF_DIALECTS"] = DialectNames.AwsRestV1,
            ["STAGECONF_RUN_ID"] = "watch1",
            ["STAGECONF_REPORT_DIR"] = reports,
        }, CleanupTests.TempDirectory());

        var (exit, output) = await run.WaitAsync(TimeSpan.FromMinutes(3));

        var total = CheckCatalogue.For(DialectNames.AwsRestV1).Count;
        var lines = output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        Assert.That(exit, Is.Zero, output);
        Assert.That(lines[0], Is.EqualTo($"{Prefix}run watch1 against embedded reference target {ReferenceTargetUrl(lines[0])}: aws-rest-v1 {total} checks"));
        Assert.That(lines[1], Does.StartWith($"{Prefix}will create (aws-rest-v1): rest api 'stageconf-watch1'"));
        Assert.That(lines, Has.Some.EqualTo($"{Prefix}aws-rest-v1 {total}/{total} (0 failed)"), "progress per dialect, done of total and failures so far");
        Assert.That(lines, Has.Some.StartsWith($"{Prefix}gate PASSED"));
        Assert.That(lines, Has.Some.StartsWith($"{Prefix}{total} checks: {total} passed, 0 new failure(s), 0 error(s), 0 expected failure(s), 0 skipped in "),
            "only the selected dialect's checks are tests");
        Assert.That(output, Does.Contain($"Passed:   {total + 1}, Skipped:     0, Total:   {total + 1}"), "the checks and the gate");
        Assert.That(lines[^1], Is.EqualTo($"{Prefix}report: {Path.Combine(reports, "report.md")}"));
    }

    [Test]
    public async Task A_configuration_error_is_one_line_and_a_non_zero_exit()
    {
        using var run = await SuiteProcess.StartAsync(new Dictionary<string, string> { ["STAGECONF_DIALECTS"] = "aws-rest-v9" }, CleanupTests.TempDirectory());

        var (exit, output) = await run.WaitAsync(TimeSpan.FromMinutes(2));

        var substance = output.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("Test run for", StringComparison.Ordinal) && !l.StartsWith("A total of", StringComparison.Ordinal)
                && !l.StartsWith("Results File:", StringComparison.Ordinal) && l is not "Error Message:" and not "Stack Trace:")
            .ToList();
        Assert.That(exit, Is.Not.Zero);
        Assert.That(substance, Has.Count.EqualTo(3), output);
        Assert.That(substance[0], Does.StartWith("Failed configuration ["));
        Assert.That(substance[1], Is.EqualTo("configuration error: STAGECONF_DIALECTS names an unknown dialect 'aws-rest-v9': use aws-rest-v1, aws-http-v2, ncp"));
        Assert.That(substance[2], Does.StartWith("Failed!  - Failed:     1, Passed:     0"));
        Assert.That(output, Does.Not.Contain(" at "), "no stack trace");
    }

    [Test]
    public async Task A_run_that_judged_nothing_fails_its_gate_although_no_check_failed()
    {
        var folder = CleanupTests.TempDirectory();
        var everything = new JsonObject();
        foreach (var requirement in RequirementCatalogue.Load(DialectNames.Ncp).All)
        {
            everything[requirement.Id] = new JsonObject { ["expected"] = "skip", ["reason"] = "written from a run where every check erred" };
        }

        var expectations = Path.Combine(folder, "expectations.json");
        await File.WriteAllTextAsync(expectations, new JsonObject { ["expectations"] = everything }.ToJsonString());
        using var run = await SuiteProcess.StartAsync(new Dictionary<string, string>
        {
            ["STAGECONF_DIALECTS"] = DialectNames.Ncp,
            ["STAGECONF_EXPECTATIONS"] = expectations,
            ["STAGECONF_REPORT_DIR"] = folder,
        }, CleanupTests.TempDirectory());

        var (exit, output) = await run.WaitAsync(TimeSpan.FromMinutes(3));

        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")))!;
        Assert.That(exit, Is.Not.Zero, output);
        Assert.That(output, Does.Contain("Failed gate"));
        Assert.That(output, Does.Contain("gate FAILED: the run judged nothing: no check passed or failed"));
        Assert.That(report["gate"]!["verdict"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), Does.Contain("**Gate: FAILED** · 0 passed"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "junit.xml")), Does.Contain("<testcase classname=\"gate\" name=\"the run judged something\">"));
    }

    private static string ReferenceTargetUrl(string planLine) =>
        System.Text.RegularExpressions.Regex.Match(planLine, @"http://127\.0\.0\.1:\d+/").Value;
}
