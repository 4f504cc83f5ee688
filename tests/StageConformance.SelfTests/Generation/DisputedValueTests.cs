using System.Text.Json.Nodes;
using FsCheck.Fluent;
using NUnit.Framework;
using StageConformance.Generation;

namespace StageConformance.SelfTests.Generation;

/// <summary>
/// Where the documents and the real service disagree, derived cases use only what both say (docs/DECISIONS.md E3, E5, V13):
/// disputed characters are never sent, an enum value that needs account setup is not sent as valid, and a
/// prefix refused in any letter case is probed in several cases.
/// </summary>
public sealed class DisputedValueTests
{
    private const string Schema = """
        {
          "type": "object", "x-requirement": "r.types",
          "required": ["name"],
          "properties": {
            "name": { "type": "string", "pattern": "^[a-z]+$", "x-requirement": "r.name", "x-identity": true },
            "note": { "type": "string", "x-marker": true },
            "vars": {
              "type": "object",
              "additionalProperties": { "type": "string", "pattern": "^[a-z0-9 ~#.-]+$", "x-disputed-characters": " ~#", "x-requirements": { "pattern": "r.value" } }
            },
            "level": { "type": "string", "enum": ["ERROR", "INFO", "OFF"], "x-probe-accepted": ["OFF"], "x-requirements": { "enum": "r.level" } },
            "tags": {
              "type": "object",
              "propertyNames": { "not": { "pattern": "^[aA][wW][sS]:" }, "x-requirements": { "not": "r.prefix" }, "x-generate-pattern": "^[a-zA-Z0-9:]+$" },
              "additionalProperties": { "type": "string" }
            }
          }
        }
        """;

    private static readonly RequestModel Model = RequestModel.Parse(Schema);

    [Test]
    public void Disputed_characters_are_neither_sent_as_valid_nor_used_to_break_the_pattern()
    {
        var values = Model.Probes.Where(p => p.Requirement == "r.value").Select(p => (p.Expectation, Value: VarsValue(p))).ToList();
        var generated = Model.Valid(NoReferences.Instance).Generator.Sample(numberOfSamples: 300, size: 20)
            .SelectMany(b => b["vars"] is JsonObject vars ? vars.Select(v => v.Value!.GetValue<string>()) : []).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(values.Select(v => v.Value).Concat(generated).Where(v => v.IndexOfAny([' ', '~', '#']) >= 0), Is.Empty);
            Assert.That(values, Has.Some.Matches<(Expectation Expectation, string Value)>(v => v.Expectation == Expectation.Accepted && v.Value.Contains('.', StringComparison.Ordinal) && v.Value.Contains('-', StringComparison.Ordinal)),
                "the every-allowed-symbol probe keeps the undisputed symbols");
            Assert.That(values, Has.Some.Matches<(Expectation Expectation, string Value)>(v => v.Expectation == Expectation.Rejected && v.Value.Contains('!', StringComparison.Ordinal)),
                "the pattern is broken with a character both sides refuse");
            Assert.That(generated, Is.Not.Empty);
        });
    }

    [Test]
    public void An_enum_value_outside_x_probe_accepted_is_only_probed_through_its_neighbour()
    {
        var level = Model.Probes.Where(p => p.Requirement == "r.level").Select(p => (p.Expectation, Value: p.Apply(Minimal(), NoReferences.Instance)["level"]!.GetValue<string>())).ToList();

        Assert.That(level.Where(l => l.Expectation == Expectation.Accepted).Select(l => l.Value), Is.EqualTo(new[] { "OFF" }));
        Assert.That(level.Where(l => l.Expectation == Expectation.Rejected).Select(l => l.Value), Is.EquivalentTo(new[] { "ERROS", "INFP", "OFG" }));
    }

    [Test]
    public void A_prefix_refused_in_any_case_is_probed_in_lower_upper_and_mixed_case_and_never_generated()
    {
        var keys = Model.Probes.Where(p => p.Requirement == "r.prefix").Select(p => p.Apply(Minimal(), NoReferences.Instance)["tags"]!.AsObject().Single().Key).ToList();
        var generated = Model.Valid(NoReferences.Instance).Generator.Sample(numberOfSamples: 300, size: 20)
            .SelectMany(b => b["tags"] is JsonObject tags ? tags.Select(t => t.Key) : []).ToList();

        Assert.That(keys.Select(k => k[..4]), Is.EquivalentTo(new[] { "aws:", "AWS:", "Aws:" }));
        Assert.That(generated.Where(k => k.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)), Is.Empty);
    }

    [Test]
    public void A_prefix_class_that_is_not_a_two_case_letter_is_refused_at_load()
    {
        var schema = Schema.Replace("^[aA][wW][sS]:", "^[ab]ws:", StringComparison.Ordinal);

        Assert.That(() => RequestModel.Parse(schema), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("anchored literal prefix"));
    }

    private static JsonObject Minimal() => Model.Minimal(NoReferences.Instance);

    private static string VarsValue(Probe probe) =>
        probe.Apply(Minimal(), NoReferences.Instance)["vars"]!.AsObject().Single().Value!.GetValue<string>();

    private sealed class NoReferences : IReferenceValues
    {
        public static readonly NoReferences Instance = new();

        public string Existing(string resource) => throw new InvalidOperationException("the schema references nothing");

        public string Missing(string resource) => throw new InvalidOperationException("the schema references nothing");
    }
}
