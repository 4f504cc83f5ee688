using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Expectations;

namespace StageConformance.SelfTests.Expectations;

/// <summary>
/// moto's gate, proven without moto on the outcomes of a real run (moto-run.json; .ci/moto.sh runs the
/// live one): green with its expectations, red without any one of its expected failures, and every
/// entry says which moto behaviour it records.
/// </summary>
public sealed class MotoExpectationsTests
{
    private static readonly CannedGateRun Canned = new("moto");

    private static ExpectationSet Expectations => Canned.Expectations;

    private static IReadOnlyList<CheckResult> CannedRun => Canned.Results;

    public static IEnumerable<TestCaseData> EveryExpectedFailure() =>
        Canned.AllEntries
            .Where(e => e.Expected == ExpectedOutcome.Fail)
            .Select(e => new TestCaseData(e.Key).SetName($"Without_the_moto_expectation_{e.Key}_the_run_is_red"));

    [Test]
    public void The_canned_run_is_green_with_the_checked_in_expectations_and_has_no_error()
    {
        var gate = ExpectationGate.Summarize(CannedRun, Expectations);

        Assert.That(gate.Passed, string.Join("\n", gate.Lines()));
        Assert.That(gate.UnexpectedPasses, Is.Empty, "every expectation still describes the run");
        Assert.That(CannedRun.Where(r => r.Outcome == Outcome.Error).Select(r => r.Id), Is.Empty);
    }

    [TestCaseSource(nameof(EveryExpectedFailure))]
    public void Without_one_expectation_the_run_is_red_naming_what_it_covered(string key)
    {
        Canned.AssertRedWithout(key);
    }

    [Test]
    public void Every_entry_names_the_moto_behaviour_it_records()
    {
        Assert.That(Expectations.All.Where(e => !e.Reason.Contains("moto", StringComparison.Ordinal)).Select(e => e.Key), Is.Empty);
    }

    [Test]
    public void The_canned_run_names_only_current_checks()
    {
        Assert.That(CannedRun.Select(r => r.Id).Where(id => !KnownIds.Current().Checks.Contains(id)), Is.Empty,
            "refresh moto-run.json from a live run (its $comment says how)");
    }
}
