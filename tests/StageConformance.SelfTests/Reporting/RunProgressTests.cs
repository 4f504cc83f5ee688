using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Expectations;
using StageConformance.Reporting;

namespace StageConformance.SelfTests.Reporting;

/// <summary>Progress per dialect: done of total and failures so far, at most once per interval (and when a dialect finishes).</summary>
public sealed class RunProgressTests
{
    [Test]
    public void Lines_come_at_most_once_per_interval_and_when_a_dialect_finishes()
    {
        var clock = new ManualClock();
        var progress = new RunProgress(new Dictionary<string, int> { ["aws-rest-v1"] = 3, ["ncp"] = 2 }, ExpectationSet.None, TimeSpan.FromSeconds(3), clock);

        var first = progress.Record(Result("aws-rest-v1", Outcome.Passed));
        clock.Advance(TimeSpan.FromSeconds(1));
        var tooSoon = progress.Record(Result("aws-rest-v1", Outcome.Failed));
        clock.Advance(TimeSpan.FromSeconds(1));
        var finished = progress.Record(Result("aws-rest-v1", Outcome.Error));
        clock.Advance(TimeSpan.FromSeconds(1));
        var tooSoonAgain = progress.Record(Result("ncp", Outcome.Passed));
        clock.Advance(TimeSpan.FromSeconds(3));
        var due = progress.Record(Result("ncp", Outcome.Skipped));

        Assert.That(first, Is.EqualTo("aws-rest-v1 1/3 (0 failed) · ncp 0/2 (0 failed)"));
        Assert.That(tooSoon, Is.Null);
        Assert.That(finished, Is.EqualTo("aws-rest-v1 3/3 (1 failed, 1 errors) · ncp 0/2 (0 failed)"));
        Assert.That(tooSoonAgain, Is.Null);
        Assert.That(due, Is.EqualTo("aws-rest-v1 3/3 (1 failed, 1 errors) · ncp 2/2 (0 failed)"));
    }

    [Test]
    public void An_expected_failure_is_not_counted_as_failed()
    {
        var expectations = new ExpectationSet([new Expectation("v1.x", ExpectedOutcome.Fail, "known")]);
        var progress = new RunProgress(new Dictionary<string, int> { ["aws-rest-v1"] = 1 }, expectations, TimeSpan.FromSeconds(3));

        Assert.That(progress.Record(Result("aws-rest-v1", Outcome.Failed)), Is.EqualTo("aws-rest-v1 1/1 (0 failed)"));
    }

    private static CheckResult Result(string dialect, Outcome outcome) => new("v1.x/" + Guid.NewGuid().ToString("N"), "v1.x", dialect, "violation", "d", outcome);

    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
