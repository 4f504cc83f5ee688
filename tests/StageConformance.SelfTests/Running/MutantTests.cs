using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Running;

/// <summary>
/// The proof that every check can fail: against a target that breaks exactly one requirement, the
/// whole suite reports exactly that requirement as failed, and nothing as an error; against the
/// faithful target, everything passes.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class MutantTests
{
    private static IEnumerable<Check> AllChecks => DialectNames.Implemented.SelectMany(CheckCatalogue.For);

    public static IEnumerable<TestCaseData> Mutants() =>
        global::StageConformance.ReferenceTarget.ReferenceTarget.Mutants.Select(m => new TestCaseData(m.Id).SetName($"Mutant_{m.Id}_is_caught_as_exactly_that_requirement"));

    [TestCaseSource(nameof(Mutants))]
    public async Task Mutant_is_caught(string mutant)
    {
        // A mutant changes one dialect's behaviour only, so that dialect's checks are the ones that can see it.
        var dialect = DialectNames.Implemented.Single(d => global::StageConformance.Requirements.RequirementCatalogue.Load(d).Contains(mutant));
        var results = await RunSuiteAsync(mutant, dialects: [dialect]);

        var failed = results.Where(r => r.Outcome == Outcome.Failed).Select(r => r.Requirement).ToHashSet();
        var errors = results.Where(r => r.Outcome == Outcome.Error).Select(r => $"{r.Id}: {r.Reason}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty, "checks without a verdict");
            Assert.That(failed, Is.EquivalentTo(new[] { mutant }), Describe(results));
        });
    }

    [Test]
    public async Task Faithful_target_passes_every_check()
    {
        var results = await RunSuiteAsync(mutant: null);

        Assert.That(results.Where(r => r.Outcome != Outcome.Passed).Select(r => $"{r.Outcome} {r.Id}: {r.Reason} {r.Observed}"), Is.Empty);
        Assert.That(results, Has.Count.EqualTo(AllChecks.Count()));
    }

    [Test]
    public void Every_requirement_has_a_mutant()
    {
        var requirements = DialectNames.Implemented.SelectMany(d => global::StageConformance.Requirements.RequirementCatalogue.Load(d).All).Select(r => r.Id);
        Assert.That(global::StageConformance.ReferenceTarget.ReferenceTarget.Mutants.Select(m => m.Id), Is.EquivalentTo(requirements));
    }

    internal static async Task<IReadOnlyList<CheckResult>> RunSuiteAsync(string? mutant, int propertyCases = 25, IReadOnlyList<string>? dialects = null)
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with
        {
            PropertyCases = propertyCases,
            Dialects = dialects ?? DialectNames.Implemented,
        };
        await using var session = await ConformanceSession.StartAsync(settings, target.Endpoint);
        session.WriteReport = false;
        foreach (var check in AllChecks.Where(c => settings.Dialects.Contains(c.Dialect)))
        {
            await session.RunAsync(check);
        }

        return session.Results;
    }

    private static string Describe(IEnumerable<CheckResult> results) =>
        string.Join("\n", results.Where(r => r.Outcome == Outcome.Failed).Select(r => $"  {r.Id} -> {r.Requirement}: expected {r.Expected}; observed {r.Observed}"));
}
