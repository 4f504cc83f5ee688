using NUnit.Framework;
using StageConformance.Cli;
using StageConformance.Expectations;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Cli;

public sealed class ExpectationsCommandTests
{
    private const string Duplicate = "v1.duplicate.conflict";
    private const string Lifecycle = "v1.lifecycle";

    private static ExpectationSet Read(string path) => ExpectationsFile.Load(path, KnownIds.Current(), DateOnly.FromDateTime(DateTime.UtcNow));

    [Test]
    public void Writing_from_a_run_expects_each_failure_of_its_check_and_leaves_errors_out_saying_why()
    {
        using var cli = new CliRun();
        var report = cli.Report("report.json",
            ($"{Duplicate}/second-create", Duplicate, "failed"),
            ("v1.create.status/property:valid-requests", "v1.get.agrees", "failed"),
            ($"{Lifecycle}/get-missing", Lifecycle, "error"),
            ($"{Lifecycle}/delete-then-get", Lifecycle, "passed"));
        var written = Path.Combine(cli.Folder, "expectations.json");

        var (exit, output, _) = cli.Run("expectations", "write", report, "--out", written);

        var set = Read(written);
        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(set.All.Select(e => (e.Key, e.Expected)), Is.EquivalentTo(new[]
        {
            ($"{Duplicate}/second-create", ExpectedOutcome.Fail),
            ("v1.create.status/property:valid-requests", ExpectedOutcome.Fail),
        }));
        Assert.That(set.Find("v1.create.status/property:valid-requests")!.Reason,
            Is.EqualTo("seen in run report.json: breaks v1.get.agrees: expected status 400; observed status 201"));
        Assert.That(set.Target, Is.EqualTo("http://127.0.0.1:1"));
        Assert.That(output, Does.StartWith($"wrote {written}: 2 expectation(s): 0 kept, 2 added, 0 dropped"));
        Assert.That(output, Does.Contain("left out 1 error(s): an error has no verdict"));
        Assert.That(output, Does.Contain($"left out {Lifecycle}/get-missing: an error is not a known deviation (no verdict: target fault: connection reset)"));
    }

    [Test]
    public void A_run_where_every_check_erred_writes_no_entry_and_its_gate_fails_with_or_without_the_file()
    {
        using var cli = new CliRun();
        var report = cli.Report("report.json",
            ($"{Duplicate}/second-create", Duplicate, "error"),
            ($"{Lifecycle}/get-missing", Lifecycle, "error"));
        var written = Path.Combine(cli.Folder, "expectations.json");

        var (exit, output, _) = cli.Run("expectations", "write", report, "--out", written);

        var set = Read(written);
        var results = StageConformance.Reporting.ReportFile.Load(report).Results;
        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(set.All, Is.Empty);
        Assert.That(output, Does.Contain("left out 2 error(s)"));
        Assert.That(ExpectationGate.Summarize(results, set).Passed, Is.False);
        var skipped = results.Select(r => r with { Outcome = StageConformance.Checks.Outcome.Skipped }).ToList();
        var everything = new ExpectationSet(results.Select(r => new Expectation(r.Id, ExpectedOutcome.Skip, "hand-written")));
        var gate = ExpectationGate.Summarize(skipped, everything);
        Assert.That(gate.Passed, Is.False, "a run that judged nothing fails its gate whatever the file says");
        Assert.That(gate.Lines().First(), Does.StartWith("gate FAILED: the run judged nothing: no check passed or failed"));
    }

    [Test]
    public void Keeping_drops_skip_entries_whose_checks_pass_now()
    {
        using var cli = new CliRun();
        var existing = cli.Write("existing.json", $$"""
            {
              "expectations": {
                "{{Duplicate}}/second-create": { "expected": "skip", "reason": "errored once" },
                "{{Lifecycle}}": { "expected": "skip", "reason": "no list" },
                "v1.throttling": { "expected": "skip", "reason": "no budget" }
              }
            }
            """);
        var report = cli.Report("report.json",
            ($"{Duplicate}/second-create", Duplicate, "passed"),
            ($"{Lifecycle}/get-missing", Lifecycle, "passed"),
            ($"{Lifecycle}/delete-then-get", Lifecycle, "passed"));
        var written = Path.Combine(cli.Folder, "expectations.json");

        var (exit, output, _) = cli.Run("expectations", "write", report, "--out", written, "--keep", existing);

        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(Read(written).All.Select(e => e.Key), Is.EquivalentTo(new[] { "v1.throttling" }), "a skip the run could not judge stays");
        Assert.That(output, Does.Contain($"dropped {Duplicate}/second-create: it passes now"));
        Assert.That(output, Does.Contain($"dropped {Lifecycle}: it passes now"));
    }

    [Test]
    public void Rewriting_keeps_the_reasons_written_drops_what_passes_now_and_adds_what_is_new()
    {
        using var cli = new CliRun();
        var existing = cli.Write("existing.json", $$"""
            {
              "target": "my emulator 2.1",
              "expectations": {
                "{{Duplicate}}": { "expected": "fail", "reason": "no state yet", "link": "https://example.com/issues/7", "until": "2099-01-01" },
                "{{Lifecycle}}/property:model": { "expected": "fail", "reason": "list is static" },
                "v1.throttling": { "expected": "skip", "reason": "no budget" },
                "v1.auth.signature/unsigned": { "expected": "fail", "reason": "not in this run" }
              }
            }
            """);
        var report = cli.Report("report.json",
            ($"{Duplicate}/second-create", Duplicate, "failed"),
            ($"{Lifecycle}/property:model", Lifecycle, "passed"),
            ("v1.types/description/type:sent-as-true", "v1.types", "failed"));
        var written = Path.Combine(cli.Folder, "expectations.json");

        var (exit, output, _) = cli.Run("expectations", "write", report, "--out", written, "--keep", existing);

        var set = Read(written);
        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(set.Find(Duplicate), Is.EqualTo(new Expectation(Duplicate, ExpectedOutcome.Fail, "no state yet", "https://example.com/issues/7", new DateOnly(2099, 1, 1))));
        Assert.That(set.Find($"{Lifecycle}/property:model"), Is.Null);
        Assert.That(set.Find("v1.throttling")!.Reason, Is.EqualTo("no budget"));
        Assert.That(set.Find("v1.auth.signature/unsigned")!.Reason, Is.EqualTo("not in this run"), "a check the run did not include keeps its entry");
        Assert.That(set.Find("v1.types/description/type:sent-as-true")!.Expected, Is.EqualTo(ExpectedOutcome.Fail));
        Assert.That(set.Target, Is.EqualTo("my emulator 2.1"));
        Assert.That(output, Does.Contain("3 kept, 1 added, 1 dropped"));
        Assert.That(output, Does.Contain($"dropped {Lifecycle}/property:model: it passes now"));
    }

    [Test]
    public void Rewriting_the_wiremock_file_from_its_own_run_changes_nothing()
    {
        using var cli = new CliRun();
        var fixture = Path.Combine(RepositoryPaths.Fixtures, "wiremock", "expectations.json");
        var run = Path.Combine(RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Expectations", "wiremock-run.json");
        var written = Path.Combine(cli.Folder, "expectations.json");

        var (exit, _, _) = cli.Run("expectations", "write", run, "--out", written, "--keep", fixture);

        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(Read(written).All, Is.EquivalentTo(Read(fixture).All));
    }

    [Test]
    public void A_file_written_inside_the_repository_links_to_the_format()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "TestResults", "cli-" + Guid.NewGuid().ToString("N"));
        using var cli = new CliRun();
        var report = cli.Report("report.json", ($"{Duplicate}/second-create", Duplicate, "failed"));
        try
        {
            cli.Run("expectations", "write", report, "--out", Path.Combine(folder, "x.json"));

            Assert.That(File.ReadAllText(Path.Combine(folder, "x.json")), Does.Contain("\"$schema\": \"../../schemas/expectations.schema.json\""));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Check_accepts_a_valid_file_and_refuses_a_bad_one_with_one_line()
    {
        using var cli = new CliRun();
        var bad = cli.Write("bad.json", """{ "expectations": { "v1.nope": { "expected": "fail", "reason": "r" } } }""");

        var good = cli.Run("expectations", "check", Path.Combine(RepositoryPaths.Fixtures, "wiremock", "expectations.json"));
        var refused = cli.Run("expectations", "check", bad);

        Assert.That(good.Exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(refused.Exit, Is.EqualTo(CommandLine.BadInput));
        Assert.That(refused.Error, Does.Contain("'v1.nope' is not a requirement id"));
    }

    [Test]
    public void Write_without_out_exits_2()
    {
        using var cli = new CliRun();

        Assert.That(cli.Run("expectations", "write", "report.json").Exit, Is.EqualTo(CommandLine.BadInput));
    }
}
