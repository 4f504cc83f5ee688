using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Expectations;

public sealed class ExpectationGateTests
{
    private static CheckResult Result(string id, Outcome outcome, string? brokeRequirement = null) =>
        new(id, brokeRequirement ?? id[..id.IndexOf('/', StringComparison.Ordinal)], DialectNames.AwsRestV1, "behaviour", "d", outcome);

    private static ExpectationSet Set(params Expectation[] expectations) => new(expectations, "test.json");

    private static Expectation Fail(string key) => new(key, ExpectedOutcome.Fail, "known");

    private static Expectation Skip(string key) => new(key, ExpectedOutcome.Skip, "known");

    [Test]
    public void Without_expectations_a_failure_and_an_error_fail_the_run_and_a_skip_does_not()
    {
        var gate = ExpectationGate.Summarize(
            [Result("a.b/1", Outcome.Passed), Result("a.b/2", Outcome.Failed), Result("a.c/1", Outcome.Error), Result("a.d/1", Outcome.Skipped)],
            ExpectationSet.None);

        Assert.That(gate.Results.Select(r => r.Verdict),
            Is.EqualTo(new[] { GateVerdict.Passed, GateVerdict.NewFailure, GateVerdict.Error, GateVerdict.Skipped }));
        Assert.That(gate.Passed, Is.False);
        Assert.That(gate.BrokenRequirements, Is.EqualTo(new[] { "a.b" }));
    }

    [Test]
    public void A_failure_named_by_its_check_or_by_the_requirement_it_broke_is_expected_and_the_run_passes()
    {
        var gate = ExpectationGate.Summarize(
            [Result("a.b/1", Outcome.Failed), Result("a.c/1", Outcome.Failed, brokeRequirement: "a.d"), Result("a.e/1", Outcome.Passed)],
            Set(Fail("a.b/1"), Fail("a.d")));

        Assert.That(gate.Results.Select(r => (r.Verdict, r.Expectation?.Key)),
            Is.EqualTo(new (GateVerdict, string?)[] { (GateVerdict.ExpectedFailure, "a.b/1"), (GateVerdict.ExpectedFailure, "a.d"), (GateVerdict.Passed, null) }));
        Assert.That(gate.Passed);
        Assert.That(gate.UnexpectedPasses, Is.Empty);
    }

    [Test]
    public void An_expectation_on_the_checks_own_requirement_does_not_cover_a_failure_of_another_requirement()
    {
        var gate = ExpectationGate.Summarize([Result("a.c/1", Outcome.Failed, brokeRequirement: "a.d")], Set(Fail("a.c")));

        Assert.That(gate.Results.Single().Verdict, Is.EqualTo(GateVerdict.NewFailure));
        Assert.That(gate.BrokenRequirements, Is.EqualTo(new[] { "a.d" }));
    }

    [Test]
    public void An_error_fails_the_run_even_under_an_expected_failure()
    {
        var gate = ExpectationGate.Summarize([Result("a.b/1", Outcome.Error)], Set(Fail("a.b/1")));

        Assert.That(gate.Results.Single().Verdict, Is.EqualTo(GateVerdict.Error));
        Assert.That(gate.Passed, Is.False);
    }

    [Test]
    public void A_check_expected_to_fail_that_passes_is_an_unexpected_pass_that_does_not_fail_the_run()
    {
        var gate = ExpectationGate.Summarize([Result("a.b/1", Outcome.Passed)], Set(Fail("a.b/1")));

        Assert.That(gate.Results.Single().Verdict, Is.EqualTo(GateVerdict.UnexpectedPass));
        Assert.That(gate.UnexpectedPasses.Select(e => e.Key), Is.EqualTo(new[] { "a.b/1" }));
        Assert.That(gate.Passed);
        Assert.That(gate.Lines(), Has.Some.Contains("'a.b/1' is expected to fail but passed: remove this expectation"));
    }

    [Test]
    public void A_requirement_expected_to_fail_is_stale_only_when_none_of_its_checks_fails()
    {
        var stillFailing = ExpectationGate.Summarize([Result("a.b/1", Outcome.Passed), Result("a.b/2", Outcome.Failed)], Set(Fail("a.b")));
        var allPassing = ExpectationGate.Summarize([Result("a.b/1", Outcome.Passed), Result("a.b/2", Outcome.Passed)], Set(Fail("a.b")));
        var notRun = ExpectationGate.Summarize([Result("a.b/1", Outcome.Skipped)], Set(Fail("a.b")));

        Assert.That(stillFailing.UnexpectedPasses, Is.Empty);
        Assert.That(allPassing.UnexpectedPasses.Select(e => e.Key), Is.EqualTo(new[] { "a.b" }));
        Assert.That(allPassing.Results.Select(r => r.Verdict), Is.All.EqualTo(GateVerdict.Passed), "each check passing is right; the requirement's entry is stale");
        Assert.That(notRun.UnexpectedPasses, Is.Empty);
    }

    [Test]
    public void A_skip_by_check_or_requirement_marks_the_skipped_result_as_expected()
    {
        var gate = ExpectationGate.Summarize([Result("a.b/1", Outcome.Skipped), Result("a.c/1", Outcome.Skipped), Result("a.d/1", Outcome.Skipped)],
            Set(Skip("a.b/1"), Skip("a.c")));

        Assert.That(gate.Results.Select(r => r.Verdict), Is.EqualTo(new[] { GateVerdict.ExpectedSkip, GateVerdict.ExpectedSkip, GateVerdict.Skipped }));
    }

    [Test]
    public void A_check_level_fail_overrides_a_requirement_level_skip()
    {
        var set = Set(Skip("a.b"), Fail("a.b/1"));

        Assert.That(set.SkipFor("a.b/1", "a.b"), Is.Null);
        Assert.That(set.SkipFor("a.b/2", "a.b")!.Key, Is.EqualTo("a.b"));
    }

    [Test]
    public async Task The_session_does_not_run_a_check_an_expectation_skips()
    {
        var requirement = "v1.stageName.length";
        var ran = new List<string>();
        Check Probe(string id) => new(id, requirement, DialectNames.AwsRestV1, "behaviour", "records that it ran", "core", _ =>
        {
            ran.Add(id);
            return Task.CompletedTask;
        });

        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with
        {
            Dialects = [DialectNames.AwsRestV1],
            Expectations = Set(Skip($"{requirement}/skipped-by-id")),
        };
        await using var session = await ConformanceSession.StartAsync(settings, target.Endpoint);
        session.WriteReport = false;

        var skipped = await session.RunAsync(Probe($"{requirement}/skipped-by-id"));
        var run = await session.RunAsync(Probe($"{requirement}/not-named"));

        Assert.That(ran, Is.EqualTo(new[] { $"{requirement}/not-named" }));
        Assert.That(skipped.Outcome, Is.EqualTo(Outcome.Skipped));
        Assert.That(skipped.Reason, Is.EqualTo($"expected skip ({requirement}/skipped-by-id): known"));
        Assert.That(run.Outcome, Is.EqualTo(Outcome.Passed));
    }
}
