using System.Text.Json.Nodes;
using Json.Schema;
using NUnit.Framework;

namespace StageConformance.SelfTests.Schemas;

/// <summary>
/// Pins what JsonSchema.Net (the pinned version) gets wrong on its own, which is why the project end-anchors
/// patterns strictly (<c>EcmaRegex</c>) and registers its own <c>date-time</c> (<c>DateTimeFormat</c>). (Its <c>minLength</c>/<c>maxLength</c>, which count grapheme clusters, are replaced in the keyword registry by <c>CodePointLength</c>, so they cannot be pinned here; <c>KeywordSemanticsTests</c> proves code points are counted.) If an
/// upgrade makes one of these fail, the library does it right now: drop that piece of own code.
/// </summary>
[TestFixture]
public sealed class JsonSchemaNetBehaviourTests
{
    private static bool RawIsValid(string schema, string instance)
    {
        // A fresh schema text each time: the library's format objects are bound when a schema is read.
        var options = new EvaluationOptions { RequireFormatValidation = true };
        return JsonSchema.FromText(schema).Evaluate(JsonNode.Parse(instance), options).IsValid;
    }

    [Test]
    public void Dollar_matches_before_a_final_newline()
    {
        Assert.That(RawIsValid("""{"pattern": "^[a-z]+$"}""", "\"abc\\n\""), Is.True);
    }

    [Test]
    public void Its_own_date_time_format_accepts_a_date_that_does_not_exist()
    {
        var library = Formats.DateTime;

        Assert.That(library.Validate(JsonValue.Create("2023-02-29T00:00:00Z"), out _), Is.True);
    }
}
