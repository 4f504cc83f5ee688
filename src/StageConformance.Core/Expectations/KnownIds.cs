using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Requirements;

namespace StageConformance.Expectations;

/// <summary>The check and requirement ids an expectations file may name: those of every dialect the suite implements.</summary>
public sealed record KnownIds(IReadOnlySet<string> Checks, IReadOnlySet<string> Requirements)
{
    public static KnownIds Current() => new(
        DialectNames.Implemented.SelectMany(CheckCatalogue.For).Select(c => c.Id).ToHashSet(StringComparer.Ordinal),
        DialectNames.Implemented.SelectMany(d => RequirementCatalogue.Load(d).All).Select(r => r.Id).ToHashSet(StringComparer.Ordinal));

    public bool Knows(string key) => Expectation.IsCheckId(key) ? Checks.Contains(key) : Requirements.Contains(key);
}
