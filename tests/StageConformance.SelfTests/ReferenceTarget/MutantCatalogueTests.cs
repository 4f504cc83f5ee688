using System.Text.Json;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class MutantCatalogueTests
{
    [Test]
    public void There_is_one_mutant_per_requirement_and_no_other()
    {
        var requirementIds = DialectNames.Implemented.SelectMany(dialect =>
        {
            using var requirements = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, dialect, "requirements.json")));
            return requirements.RootElement.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        }).ToList();

        var mutantIds = Emulator.Mutants.Select(m => m.Id).ToList();

        Assert.That(mutantIds, Is.Unique);
        Assert.That(mutantIds, Is.EquivalentTo(requirementIds));
    }

    private static IEnumerable<string?> RequirementIds(string dialect)
    {
        using var requirements = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Schemas, dialect, "requirements.json")));
        return requirements.RootElement.GetProperty("requirements").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
    }

    [Test]
    public void Every_mutant_says_what_it_breaks() =>
        Assert.That(Emulator.Mutants.Select(m => m.Description), Has.All.Not.Empty);
}
