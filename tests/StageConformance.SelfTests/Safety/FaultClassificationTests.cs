using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Safety;

/// <summary>A faulty target (503s, resets, slow answers) gets errors, never a failed requirement.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class FaultClassificationTests
{
    public static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData(new FaultInjectionOptions(0.08, [FaultKind.Unavailable], TimeSpan.Zero, Seed: 7)).SetName("Unavailable_503_is_a_fault");
        yield return new TestCaseData(new FaultInjectionOptions(0.08, [FaultKind.Reset], TimeSpan.Zero, Seed: 11)).SetName("Connection_reset_is_a_fault");
        yield return new TestCaseData(new FaultInjectionOptions(0.02, [FaultKind.Delay], TimeSpan.FromMilliseconds(1500), Seed: 13)).SetName("Timeout_is_a_fault");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Injected_faults_are_errors_and_never_failures(FaultInjectionOptions faults)
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null, faults: faults);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with
        {
            PropertyCases = 10,
            RequestTimeout = TimeSpan.FromMilliseconds(700),
        };
        IReadOnlyList<CheckResult> results;
        await using (var session = await ConformanceSession.StartAsync(settings, target.Endpoint))
        {
            session.WriteReport = false;
            foreach (var check in DialectNames.Implemented.SelectMany(CheckCatalogue.For))
            {
                await session.RunAsync(check);
            }

            results = session.Results;
        }

        var errors = results.Where(r => r.Outcome == Outcome.Error).ToList();
        TestContext.Out.WriteLine($"injected {target.Faults.Total} faults; {errors.Count} checks reported error, {results.Count(r => r.Outcome == Outcome.Passed)} passed");
        Assert.That(target.Faults.Total, Is.GreaterThan(0));
        Assert.That(results.Where(r => r.Outcome == Outcome.Failed).Select(r => $"{r.Id}: {r.Expected} / {r.Observed}"), Is.Empty);
        Assert.That(errors, Is.Not.Empty);
        Assert.That(errors.Where(e => e.Reason is null || !e.Reason.StartsWith("target fault", StringComparison.Ordinal)).Select(e => $"{e.Id}: {e.Reason}"), Is.Empty);
    }
}
