using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Infrastructure;
using StageConformance.Requirements;

namespace StageConformance.SelfTests.Requirements;

/// <summary>
/// Every requirement says how it is known to hold on the real service, and every quote that can be read
/// offline (a file under ../shared, or this repository's docs) is really there, word for word.
/// </summary>
public sealed partial class EvidenceTests
{
    public static IEnumerable<string> Dialects => DialectNames.Implemented;

    [TestCaseSource(nameof(Dialects))]
    public void Every_requirement_has_an_evidence_list(string dialect)
    {
        var path = Path.Combine(RepositoryPaths.Schemas, dialect, "requirements.json");
        var withoutList = JsonNode.Parse(File.ReadAllText(path))!["requirements"]!.AsArray()
            .Where(r => r!["evidence"] is not JsonArray { Count: > 0 })
            .Select(r => r!["id"]!.GetValue<string>());

        Assert.That(withoutList, Is.Empty, $"requirements of {path} without an evidence list");
        Assert.That(RequirementCatalogue.Load(dialect).All.Where(r => r.Evidence.Count == 0).Select(r => r.Id), Is.Empty);
    }

    [TestCaseSource(nameof(Dialects))]
    public void Every_offline_quote_is_verbatim_in_its_file(string dialect)
    {
        if (!Directory.Exists(RepositoryPaths.Shared))
        {
            Assert.Ignore("not run: ../shared absent (a clone on its own has no source documents to read the quotes in)");
        }

        var missing = new List<string>();
        var read = 0;
        foreach (var requirement in RequirementCatalogue.Load(dialect).All)
        {
            foreach (var evidence in requirement.Evidence)
            {
                if (FileOf(evidence) is not { } file)
                {
                    continue;
                }

                read++;
                var text = Normalize(File.ReadAllText(file));
                foreach (var fragment in evidence.Quote.Split("...", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!text.Contains(Normalize(fragment), StringComparison.Ordinal))
                    {
                        missing.Add($"{requirement.Id} ({Evidence.Name(evidence.Kind)}): '{fragment}' not in {file}");
                    }
                }
            }
        }

        Assert.That(missing, Is.Empty);
        Assert.That(read, Is.GreaterThan(0), "no quote named a file to read");
    }

    [Test]
    public void The_strongest_kind_is_the_first_in_the_order_captured_service_model_seed_documented_inferred()
    {
        var requirement = new Requirement("x", null, "aws-rest-v1", "f", "s", "core", [])
        {
            Evidence = [new(EvidenceKind.Inferred, "a", "q"), new(EvidenceKind.Captured, "b", "q"), new(EvidenceKind.Seed, "c", "q")],
        };

        Assert.That(requirement.StrongestEvidence, Is.EqualTo(EvidenceKind.Captured));
        Assert.That(new Requirement("y", null, "ncp", "f", "s", "core", []).StrongestEvidence, Is.EqualTo(EvidenceKind.Inferred));
    }

    [Test]
    public void An_unknown_kind_is_refused_when_the_catalogue_loads()
    {
        const string json = """
            { "documents": {}, "requirements": [ { "id": "x", "family": "f", "statement": "s", "source": [],
              "evidence": [ { "kind": "hearsay", "source": "s", "quote": "q" } ] } ] }
            """;

        Assert.That(() => RequirementCatalogue.Parse("aws-rest-v1", json), Throws.TypeOf<InvalidDataException>().With.Message.Contains("hearsay"));
    }

    /// <summary>The file a quote can be checked in: its "via" note, or its source when that is a file under ../shared or docs/.</summary>
    private static string? FileOf(Evidence evidence)
    {
        var path = evidence.Via ?? evidence.Source.Split(' ')[0];
        return path.StartsWith("../shared/", StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Shared, path["../shared/".Length..])
            : path.StartsWith("docs/", StringComparison.Ordinal) ? Path.Combine(RepositoryPaths.Root, path)
            : null;
    }

    /// <summary>Compares text as read: markdown emphasis and code marks, dash and quote variants and line breaks do not count.</summary>
    private static string Normalize(string text)
    {
        var plain = text.Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal)
            .Replace('•', ' ').Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-');
        return Whitespace().Replace(plain, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
