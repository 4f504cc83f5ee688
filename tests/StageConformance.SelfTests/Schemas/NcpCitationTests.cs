using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.SelfTests.Infrastructure;
using StageConformance.Requirements;

namespace StageConformance.SelfTests.Schemas;

/// <summary>Every NCP citation quotes its document word for word; "..." stands for text left out.</summary>
public sealed partial class NcpCitationTests
{
    public static IEnumerable<TestCaseData> Citations() =>
        RequirementCatalogue.Load("ncp").All.SelectMany(r => r.Sources.Select((c, i) => new TestCaseData(c).SetArgDisplayNames($"{r.Id} #{i + 1}")));

    [TestCaseSource(nameof(Citations))]
    public void The_quote_is_in_the_cited_document(Citation citation)
    {
        var document = Normalize(File.ReadAllText(Path.Combine(SourceDocuments.RequireSeeds(), citation.Document)));

        foreach (var part in citation.Quote.Split("...").Select(Normalize).Where(p => p.Length > 0))
        {
            Assert.That(document, Does.Contain(part), citation.Document);
        }
    }

    // The seeds render list items with a bullet; quotes leave it out.
    private static string Normalize(string text) => Whitespace().Replace(text.Replace('•', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
