using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using StageConformance.Requirements;
using StageConformance.SelfTests.Infrastructure;

namespace StageConformance.SelfTests.Requirements;

/// <summary>The catalogue is traceable: quotes are really in their documents, schema annotations name real requirements, every requirement is checked.</summary>
public sealed partial class TraceabilityTests
{
    public static IEnumerable<string> Dialects => DialectNames.Implemented;

    [TestCaseSource(nameof(Dialects))]
    public void Every_citation_quote_appears_in_its_document(string dialect)
    {
        var seeds = SourceDocuments.RequireSeeds();
        var missing = new List<string>();
        foreach (var requirement in RequirementCatalogue.Load(dialect).All)
        {
            foreach (var citation in requirement.Sources)
            {
                var path = Path.Combine(seeds, citation.Document);
                var text = Normalize(File.ReadAllText(path));
                foreach (var fragment in citation.Quote.Split("...", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!text.Contains(Normalize(fragment), StringComparison.Ordinal))
                    {
                        missing.Add($"{requirement.Id}: '{fragment}' not in {citation.Document}");
                    }
                }
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [TestCaseSource(nameof(Dialects))]
    public void Every_requirement_a_schema_names_exists(string dialect)
    {
        var catalogue = RequirementCatalogue.Load(dialect);
        var named = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Schemas, dialect), "*.schema.json"))
        {
            Collect(JsonNode.Parse(File.ReadAllText(file)), named);
        }

        Assert.That(named.Where(id => !catalogue.Contains(id)).Distinct(), Is.Empty);
    }

    [TestCaseSource(nameof(Dialects))]
    public void Every_requirement_is_judged_by_at_least_one_check(string dialect)
    {
        var judged = CheckCatalogue.For(dialect).Select(c => c.Requirement).ToHashSet();

        Assert.That(RequirementCatalogue.Load(dialect).All.Select(r => r.Id).Where(id => !judged.Contains(id)), Is.Empty);
    }

    [TestCaseSource(nameof(Dialects))]
    public void Check_ids_are_unique_and_start_with_their_requirement(string dialect)
    {
        var checks = CheckCatalogue.For(dialect);

        Assert.That(checks.Select(c => c.Id), Is.Unique);
        Assert.That(checks.Where(c => !c.Id.StartsWith(c.Requirement + "/", StringComparison.Ordinal)).Select(c => c.Id), Is.Empty);
    }

    private static void Collect(JsonNode? node, List<string> named)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "x-requirement" && value is JsonValue v)
                    {
                        named.Add(v.GetValue<string>());
                    }
                    else if (key == "x-requirements" && value is JsonObject map)
                    {
                        named.AddRange(map.Select(p => p.Value!.GetValue<string>()));
                    }
                    else if (key == "x-references" && value is JsonObject reference)
                    {
                        named.Add(reference["requirement"]!.GetValue<string>());
                    }
                    else
                    {
                        Collect(value, named);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, named);
                }

                break;
        }
    }

    /// <summary>Compares text as read: markdown emphasis and code marks, dash and quote variants and line breaks do not count.</summary>
    private static string Normalize(string text)
    {
        var plain = text.Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal)
            .Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-');
        return Whitespace().Replace(plain, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
