using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Expectations;
using StageConformance.Infrastructure;
using StageConformance.Reporting;

namespace StageConformance.SelfTests.Expectations;

/// <summary>
/// A target's gate proven on the outcomes of a real run kept beside the tests (<c>&lt;target&gt;-run.json</c>)
/// and the target's checked-in expectations (<c>fixtures/&lt;target&gt;/expectations.json</c>).
/// </summary>
internal sealed class CannedGateRun(string target)
{
    private readonly string expectationsPath = Path.Combine(RepositoryPaths.Fixtures, target, "expectations.json");

    public ExpectationSet Expectations => ExpectationsFile.Load(expectationsPath, KnownIds.Current(), DateOnly.FromDateTime(DateTime.UtcNow));

    /// <summary>Every entry, whatever its date: the test cases must not change with the day they run.</summary>
    public IEnumerable<Expectation> AllEntries => ExpectationsFile.Load(expectationsPath, KnownIds.Current(), today: null).All;

    public IReadOnlyList<CheckResult> Results =>
        ReportFile.Load(Path.Combine(RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Expectations", $"{target}-run.json")).Results;

    /// <summary>Without the entry <paramref name="key"/> the gate is red, naming exactly the requirements that entry covered.</summary>
    public void AssertRedWithout(string key)
    {
        var results = Results;
        var fewer = new ExpectationSet(Expectations.All.Where(e => e.Key != key));

        var gate = ExpectationGate.Summarize(results, fewer);

        var covered = results.Where(r => r.Outcome == Outcome.Failed && (r.Id == key || r.Requirement == key)).Select(r => r.Requirement).Distinct();
        Assert.That(gate.Passed, Is.False, $"'{key}' covers nothing in the run: remove it");
        Assert.That(gate.BrokenRequirements, Is.EquivalentTo(covered));
    }
}
