using System.Text.Json.Nodes;
using System.Xml.Linq;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.Reporting;
using StageConformance.Running;

namespace StageConformance.SelfTests.Reporting;

/// <summary>report.json, report.md and junit.xml written for one run with every gate verdict in it.</summary>
public sealed class ReportFilesTests
{
    private string folder = "";

    private static CheckResult Result(string id, Outcome outcome, string? broke = null) => new(
        id, broke ?? id[..id.IndexOf('/', StringComparison.Ordinal)], DialectNames.AwsRestV1, "violation", "d", outcome,
        Expected: outcome == Outcome.Failed ? "status 400" : null,
        Observed: outcome == Outcome.Failed ? "status 201 {\"a\":\"<b>\u0001\"}" : null,
        Reproducer: outcome == Outcome.Failed ? $"curl -X POST 'http://127.0.0.1:1/{id}'" : null,
        Reason: outcome is Outcome.Error or Outcome.Skipped ? "why" : null,
        DurationMs: 12.5);

    [SetUp]
    public void Write()
    {
        folder = Path.Combine(Path.GetTempPath(), "stageconf-reports-" + Guid.NewGuid().ToString("N"));
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string> { ["STAGECONF_REPORT_DIR"] = folder, ["STAGECONF_RUN_ID"] = "run1" }) with
        {
            Expectations = new ExpectationSet(
                [
                    new("v1.duplicate.conflict", ExpectedOutcome.Fail, "no state"),
                    new("v1.lifecycle/get-missing", ExpectedOutcome.Fail, "stale"),
                    new("v1.throttling", ExpectedOutcome.Skip, "no budget"),
                ],
                "fixtures/x.json"),
        };
        CheckResult[] results =
        [
            Result("v1.stageName.length/a", Outcome.Failed),
            Result("v1.duplicate.conflict/second-create", Outcome.Failed),
            Result("v1.lifecycle/get-missing", Outcome.Passed),
            Result("v1.types/a", Outcome.Error),
            Result("v1.throttling/burst", Outcome.Skipped),
            Result("v1.echo/example:minimal", Outcome.Passed),
        ];
        ReportWriter.Write(settings, new TargetEndpoint(new Uri("http://127.0.0.1:1"), null, Description: "test target"),
            DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2), results, [], reproducerScripts: new Dictionary<string, string> { ["v1.stageName.length/a"] = "#!/usr/bin/env bash\necho reproduced\n" });
        this.settings = settings;
    }

    private SuiteSettings settings = null!;

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Every_result_carries_the_strongest_evidence_of_its_requirement_and_report_md_shows_it_next_to_a_failure()
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!;
        var results = report["results"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!);
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));

        // v1.duplicate.conflict is captured on real AWS; v1.stageName.length is documented, its response never captured.
        Assert.That(results["v1.duplicate.conflict/second-create"]["evidence"]?.GetValue<string>(), Is.EqualTo("captured"));
        Assert.That(results["v1.stageName.length/a"]["evidence"]?.GetValue<string>(), Is.EqualTo("seed"));
        Assert.That(markdown, Does.Contain("- evidence: seed (documented in the source documents)"));
        Assert.That(markdown, Does.Contain("`v1.duplicate.conflict` (captured)"));
    }

    [Test]
    public void Report_md_links_each_failure_to_its_executable_reproducer_script()
    {
        var script = Path.Combine(folder, "reproducers", "v1.stageName.length_a.sh");

        Assert.That(File.ReadAllText(script), Does.Contain("echo reproduced"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), Is.True);
        }

        Assert.That(File.ReadAllText(Path.Combine(folder, "report.md")), Does.Contain("- reproduce: [`reproducers/v1.stageName.length_a.sh`](reproducers/v1.stageName.length_a.sh)"));
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!["results"]!.AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == "v1.stageName.length/a")!["reproducerScript"]!.GetValue<string>(), Is.EqualTo("reproducers/v1.stageName.length_a.sh"));
    }

    [Test]
    public void A_run_that_begins_replaces_every_report_of_the_previous_run_with_an_unfinished_marker()
    {
        var next = settings with { RunId = "run2" };

        ReportWriter.Begin(next, new TargetEndpoint(new Uri("http://127.0.0.1:1"), null, Description: "test target"), DateTimeOffset.UtcNow);

        Assert.That(Directory.Exists(Path.Combine(folder, "reproducers")), Is.False, "the previous run's reproducers are removed");
        foreach (var file in ReportWriter.Files)
        {
            var text = File.ReadAllText(Path.Combine(folder, file));
            Assert.That(text, Does.Contain("run2").And.Contain("unfinished").And.Not.Contain("v1.stageName.length/a"), file);
        }

        Assert.That(File.ReadAllText(Path.Combine(folder, "report.md")), Does.Contain("**Gate: FAILED**"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "junit.xml")), Does.Contain("<failure message=\"the run judged nothing"));
    }

    [Test]
    public void Report_json_keeps_the_raw_outcome_and_adds_the_gate_verdict_and_expectation()
    {
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!;
        var results = report["results"]!.AsArray().ToDictionary(r => r!["id"]!.GetValue<string>(), r => r!);

        Assert.That(report["gate"]!["verdict"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(report["gate"]!["expectations"]!.GetValue<string>(), Is.EqualTo("fixtures/x.json"));
        Assert.That(report["gate"]!["brokenRequirements"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "v1.stageName.length" }));
        Assert.That(report["gate"]!["unexpectedPasses"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "v1.lifecycle/get-missing" }));
        Assert.That(report["gate"]!["counts"]!["expected-failure"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(results["v1.duplicate.conflict/second-create"]["outcome"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(results["v1.duplicate.conflict/second-create"]["gate"]!.GetValue<string>(), Is.EqualTo("expected-failure"));
        Assert.That(results["v1.duplicate.conflict/second-create"]["expectation"]!["key"]!.GetValue<string>(), Is.EqualTo("v1.duplicate.conflict"));
        Assert.That(results["v1.throttling/burst"]["gate"]!.GetValue<string>(), Is.EqualTo("expected-skip"));
        Assert.That(results["v1.lifecycle/get-missing"]["gate"]!.GetValue<string>(), Is.EqualTo("unexpected-pass"));
        Assert.That(ReportFile.Load(Path.Combine(folder, "report.json")).Results, Has.Count.EqualTo(6), "the diff reads what the suite writes");
    }

    [Test]
    public void Junit_xml_has_one_testcase_per_check_and_fails_only_new_failures_and_errors()
    {
        var junit = XDocument.Load(Path.Combine(folder, "junit.xml"));
        var suite = junit.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);

        Assert.That(junit.Root!.Name.LocalName, Is.EqualTo("testsuites"));
        Assert.That((suite.Attribute("name")!.Value, suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value, suite.Attribute("errors")!.Value, suite.Attribute("skipped")!.Value),
            Is.EqualTo(("aws-rest-v1", "6", "1", "1", "2")));
        Assert.That(cases["v1.stageName.length/a"].Element("failure")!.Attribute("type")!.Value, Is.EqualTo("v1.stageName.length"));
        Assert.That(cases["v1.stageName.length/a"].Element("failure")!.Value, Does.Contain("reproduce: curl -X POST").And.Contain("<b>"));
        Assert.That(cases["v1.stageName.length/a"].Element("failure")!.Value.Contains('\u0001', StringComparison.Ordinal), Is.False, "XML 1.0 cannot carry it");
        Assert.That(cases["v1.stageName.length/a"].Attribute("classname")!.Value, Is.EqualTo("v1.stageName.length"));
        Assert.That(cases["v1.types/a"].Element("error")!.Attribute("message")!.Value, Is.EqualTo("why"));
        Assert.That(cases["v1.duplicate.conflict/second-create"].Element("skipped")!.Attribute("message")!.Value, Is.EqualTo("expected failure (v1.duplicate.conflict): no state"));
        Assert.That(cases["v1.lifecycle/get-missing"].Element("system-out")!.Value, Does.Contain("UNEXPECTED PASS"));
        Assert.That(cases["v1.echo/example:minimal"].HasElements, Is.False);
        Assert.That(cases["v1.echo/example:minimal"].Attribute("time")!.Value, Is.EqualTo("0.013"));
        Assert.That(suite.Element("properties")!.Elements("property").Select(p => p.Attribute("value")!.Value), Does.Contain("fixtures/x.json"));
    }

    [Test]
    public void Report_md_leads_with_the_verdict_and_totals_then_what_fails_the_run_with_reproducers()
    {
        var md = File.ReadAllText(Path.Combine(folder, "report.md"));
        int At(string text) => md.IndexOf(text, StringComparison.Ordinal) is var at and >= 0 ? at : throw new AssertionException($"report.md lacks '{text}':\n{md}");

        Assert.That(md, Does.Contain("**Gate: FAILED** · 2 passed · 1 new failures · 1 errors · 1 expected failures · 1 unexpected passes · 1 skipped"));
        Assert.That(md, Does.Contain("| aws-rest-v1 | 6 | 2 | 1 | 1 | 1 | 1 |"));
        Assert.That(md, Does.Contain("| aws-rest-v1 | stageName | **FAILED** | 3 | 0 | 1 | 0 | 0 | 0 |"));
        Assert.That(md, Does.Contain("| aws-rest-v1 | conflict | known deviation | 1 | 0 | 0 | 0 | 1 | 0 |"));
        Assert.That(md, Does.Contain("```sh\ncurl -X POST 'http://127.0.0.1:1/v1.stageName.length/a'\n```"));
        Assert.That(md, Does.Contain("- `v1.lifecycle/get-missing` is expected to fail (stale) but passed: remove it from `fixtures/x.json`"));
        Assert.That(new[] { At("## Totals per dialect"), At("## Totals per requirement family"), At("## New failures and errors"), At("## Unexpected passes"), At("## Expected failures"), At("## Per requirement") },
            Is.Ordered);
    }
}
