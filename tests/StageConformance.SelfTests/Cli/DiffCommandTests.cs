using NUnit.Framework;
using StageConformance.Cli;

namespace StageConformance.SelfTests.Cli;

public sealed class DiffCommandTests
{
    private const string Length = "v1.stageName.length";
    private const string Charset = "v1.stageName.charset";

    [Test]
    public void Regressed_fixed_changed_added_and_removed_checks_are_printed_and_written_as_markdown_and_a_regression_exits_1()
    {
        using var cli = new CliRun();
        var old = cli.Report("old.json",
            ($"{Length}/a", Length, "passed"),
            ($"{Length}/b", Length, "failed"),
            ($"{Charset}/a", Charset, "skipped"),
            ($"{Charset}/b", Charset, "passed"),
            ("v1.types/gone", "v1.types", "passed"));
        var @new = cli.Report("new.json",
            ($"{Length}/a", Length, "failed"),
            ($"{Length}/b", Length, "passed"),
            ($"{Charset}/a", Charset, "failed"),
            ($"{Charset}/b", Charset, "passed"),
            ("v1.types/new", "v1.types", "error"));
        var markdown = Path.Combine(cli.Folder, "out", "diff.md");

        var (exit, output, _) = cli.Run("diff", old, @new, "--markdown", markdown);

        Assert.That(exit, Is.EqualTo(CommandLine.Regressed));
        Assert.That(output, Does.Contain($"REGRESSED (1): passed before, failing now\n  {Length}/a  passed -> failed ({Length})\n      expected status 400; observed status 201"));
        Assert.That(output, Does.Contain($"FIXED (1): failing before, passing now\n  {Length}/b  failed ({Length}) -> passed"));
        Assert.That(output, Does.Contain($"CHANGED (1): other changes of outcome\n  {Charset}/a  skipped -> failed ({Charset})"));
        Assert.That(output, Does.Contain("ADDED (1): checks only the new run has\n  v1.types/new  (new: error)"));
        Assert.That(output, Does.Contain("REMOVED (1): checks only the old run has\n  v1.types/gone  (was: passed)"));
        Assert.That(output, Does.Contain($"regressed requirements: {Length}\n1 regressed, 1 fixed, 1 changed, 1 added, 1 removed"));
        Assert.That(output, Does.Not.Contain($"{Charset}/b"), "an unchanged check is not listed");

        var md = File.ReadAllText(markdown);
        Assert.That(md, Does.Contain("**REGRESSED**: 1 regressed, 1 fixed, 1 changed, 1 added, 1 removed."));
        Assert.That(md, Does.Contain($"| `{Length}/a` | `{Length}` | passed -> failed ({Length}) | status 201 |"));
        Assert.That(md, Does.Contain("```sh\ncurl -X POST http://127.0.0.1:1/restapis/x/stages\n```"));
    }

    [Test]
    public void Without_regressions_the_diff_exits_0_even_with_new_failing_checks()
    {
        using var cli = new CliRun();
        var old = cli.Report("old.json", ($"{Length}/a", Length, "failed"));
        var @new = cli.Report("new.json", ($"{Length}/a", Length, "passed"), ($"{Length}/c", Length, "failed"));

        var (exit, output, _) = cli.Run("diff", old, @new);

        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(output, Does.EndWith("0 regressed, 1 fixed, 0 changed, 1 added, 0 removed\n"));
    }

    [Test]
    public void A_failure_that_now_names_another_requirement_is_a_change()
    {
        using var cli = new CliRun();
        var old = cli.Report("old.json", ($"{Length}/a", Length, "failed"));
        var @new = cli.Report("new.json", ($"{Length}/a", "v1.rejected.nothing-created", "failed"));

        var (_, output, _) = cli.Run("diff", old, @new);

        Assert.That(output, Does.Contain($"  {Length}/a  failed ({Length}) -> failed (v1.rejected.nothing-created)"));
    }

    [TestCase("missing", "no such file")]
    [TestCase("not-json", "not valid JSON")]
    [TestCase("no-results", "no 'results' array")]
    [TestCase("bad-outcome", "unknown outcome 'xfail'")]
    [TestCase("duplicate", "appears twice")]
    public void An_unreadable_report_exits_2_with_one_line(string kind, string mentions)
    {
        using var cli = new CliRun();
        var good = cli.Report("good.json", ($"{Length}/a", Length, "passed"));
        var bad = kind switch
        {
            "missing" => Path.Combine(cli.Folder, "missing.json"),
            "not-json" => cli.Write("bad.json", "{ results: "),
            "no-results" => cli.Write("bad.json", "{ \"totals\": {} }"),
            "bad-outcome" => cli.Report("bad.json", ($"{Length}/a", Length, "xfail")),
            _ => cli.Report("bad.json", ($"{Length}/a", Length, "passed"), ($"{Length}/a", Length, "failed")),
        };

        var (exit, _, error) = cli.Run("diff", good, bad);

        Assert.That(exit, Is.EqualTo(CommandLine.BadInput));
        Assert.That(error, Does.StartWith("stageconf: " + bad).And.Contain(mentions));
        Assert.That(error.TrimEnd('\n'), Does.Not.Contain("\n"));
    }

    [Test]
    public void A_missing_argument_exits_2_and_points_to_help()
    {
        using var cli = new CliRun();

        var (exit, _, error) = cli.Run("diff", "only-one.json");

        Assert.That(exit, Is.EqualTo(CommandLine.BadInput));
        Assert.That(error, Does.Contain("stageconf --help"));
    }

    [Test]
    public void A_report_the_suite_wrote_diffs_against_itself_with_no_change()
    {
        using var cli = new CliRun();
        var report = Path.Combine(global::StageConformance.Infrastructure.RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Expectations", "wiremock-run.json");

        var (exit, output, _) = cli.Run("diff", report, report);

        Assert.That(exit, Is.EqualTo(CommandLine.Ok));
        Assert.That(output, Does.EndWith("0 regressed, 0 fixed, 0 changed, 0 added, 0 removed\n"));
    }
}
