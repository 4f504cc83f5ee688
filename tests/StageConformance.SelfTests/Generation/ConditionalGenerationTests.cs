using System.Text.Json.Nodes;
using FsCheck.Fluent;
using NUnit.Framework;
using StageConformance.Generation;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Generation;

/// <summary>
/// The generator for dependentRequired and if/then: the cases it derives are judged by the
/// independent schema validator, so a conditional can be neither skipped nor probed with a
/// request that breaks something else too.
/// </summary>
public sealed class ConditionalGenerationTests
{
    private const string Schema = """
        {
          "type": "object",
          "x-requirement": "t.types",
          "allOf": [
            { "required": ["name"], "x-requirement": "t.name.required" },
            { "dependentRequired": { "code": ["list"] }, "x-requirement": "t.list.with-code" },
            { "dependentRequired": { "list": ["code"] }, "x-requirement": "t.code.with-list" },
            { "if": { "required": ["size"] }, "then": { "required": ["on"], "properties": { "on": { "const": true } } }, "x-requirement": "t.size.needs-on" }
          ],
          "properties": {
            "name": { "type": "string", "pattern": "^[a-z]+$", "x-identity": true },
            "code": { "type": "string", "enum": ["ALLOW", "DENY"], "x-requirements": { "type": "t.types", "enum": "t.code.enum" } },
            "list": { "type": "string", "x-generate-values": ["10.0.0.1"] },
            "size": { "type": "integer", "minimum": 0, "maximum": 10, "x-requirements": { "type": "t.types", "minimum": "t.size.range", "maximum": "t.size.range" } },
            "on": { "type": "boolean" }
          }
        }
        """;

    private static readonly RequestModel Model = RequestModel.Parse(Schema);
    private static readonly SchemaValidator Validator = SchemaValidator.Parse(Schema);

    [Test]
    public void Each_consequence_gets_an_accepted_case_and_a_rejected_case_per_way_to_break_it()
    {
        var ids = Model.Probes.Where(p => p.Requirement is "t.list.with-code" or "t.code.with-list" or "t.size.needs-on")
            .Select(p => $"{p.Expectation} {p.Id}");

        Assert.That(ids, Is.EquivalentTo(new[]
        {
            "Accepted t.list.with-code/list/dependentRequired:present-while-code-is-set",
            "Rejected t.list.with-code/list/dependentRequired:missing-while-code-is-set",
            "Accepted t.code.with-list/code/dependentRequired:present-while-list-is-set",
            "Rejected t.code.with-list/code/dependentRequired:missing-while-list-is-set",
            "Accepted t.size.needs-on/on/then:true-while-size-is-set",
            "Rejected t.size.needs-on/on/then:missing-while-size-is-set",
            "Rejected t.size.needs-on/on/then:false-while-size-is-set",
        }));
    }

    [Test]
    public void A_rejected_case_breaks_only_its_own_requirement_and_an_accepted_case_nothing()
    {
        foreach (var probe in Model.Probes)
        {
            var body = probe.Apply(Model.Minimal(NoReferences.Instance), NoReferences.Instance);
            ProbeJudgement.AssertBreaksOnlyItsRequirement(probe, body, Validator.Validate(body));
        }
    }

    [Test]
    public void A_violation_applied_to_any_valid_request_breaks_only_its_own_requirement()
    {
        var rejected = Model.Probes.Where(p => p.Expectation == Expectation.Rejected).ToList();
        foreach (var (body, probe) in Model.ValidWithViolation(NoReferences.Instance, rejected).Generator.Sample(numberOfSamples: 400, size: 20))
        {
            var broken = probe.Apply((JsonObject)body.DeepClone(), NoReferences.Instance);
            ProbeJudgement.AssertBreaksOnlyItsRequirement(probe, broken, Validator.Validate(broken));
        }
    }

    [Test]
    public void Generated_requests_and_their_shrinks_are_valid_and_reach_both_sides_of_each_conditional()
    {
        var valid = Model.Valid(NoReferences.Instance);
        var samples = valid.Generator.Sample(numberOfSamples: 400, size: 20);
        foreach (var body in samples.Concat(samples.Take(50).SelectMany(valid.Shrinker)))
        {
            Assert.That(Validator.Validate(body), Is.Empty, body.ToJsonString());
        }

        Assert.Multiple(() =>
        {
            Assert.That(samples.Count(b => b.ContainsKey("code") && b.ContainsKey("list")), Is.GreaterThan(0), "code with list");
            Assert.That(samples.Count(b => !b.ContainsKey("code") && !b.ContainsKey("list")), Is.GreaterThan(0), "neither code nor list");
            Assert.That(samples.Count(b => b.ContainsKey("size")), Is.GreaterThan(0), "size (with on: true)");
            Assert.That(samples.Count(b => !b.ContainsKey("size") && b["on"] is JsonValue on && !on.GetValue<bool>()), Is.GreaterThan(0), "on: false without size");
        });
    }

    [Test]
    public void The_model_lists_each_conditional_with_the_object_it_constrains()
    {
        Assert.That(Model.Conditionals.Select(c => $"{c.Requirement}: {c.TriggerText} -> {string.Join(", ", c.Consequences.Select(q => q.Member))}"),
            Is.EqualTo(new[] { "t.list.with-code: code -> list", "t.code.with-list: list -> code", "t.size.needs-on: size -> on" }));
    }

    [TestCase("""{ "if": { "required": ["size"] }, "then": { "required": ["on"] }, "else": { "required": ["code"] } }""", "else")]
    [TestCase("""{ "if": { "properties": { "size": { "minimum": 5 } } }, "then": { "required": ["on"] } }""", "properties")]
    [TestCase("""{ "if": { "required": ["size"] }, "then": { "properties": { "on": { "enum": [true] } } } }""", "enum")]
    [TestCase("""{ "if": { "required": ["size"] }, "then": { "properties": { "code": { "const": "ALLOW" } } } }""", "boolean")]
    [TestCase("""{ "if": { "required": ["size"] } }""", "without 'then'")]
    [TestCase("""{ "dependentRequired": { "size": ["missing"] } }""", "not a declared property")]
    [TestCase("""{ "dependentRequired": { "name": ["on"] } }""", "required member")]
    [TestCase("""{ "properties": { "size": { "type": "integer" } } }""", "allOf item")]
    public void A_conditional_form_the_generators_cannot_probe_fails_at_load(string allOfItem, string reason)
    {
        var schema = JsonNode.Parse(Schema)!.AsObject();
        schema["allOf"]!.AsArray().Add(JsonNode.Parse(allOfItem));

        Assert.That(() => RequestModel.Parse(schema.ToJsonString()), Throws.InstanceOf<InvalidDataException>().With.Message.Contains(reason));
    }

    [TestCase("oneOf", """[{ "required": ["code"] }]""")]
    [TestCase("dependentSchemas", """{ "code": { "required": ["list"] } }""")]
    [TestCase("maxProperties", "3")]
    [TestCase("const", "\"x\"")]
    public void A_keyword_the_generators_do_not_know_fails_at_load(string keyword, string value)
    {
        var schema = JsonNode.Parse(Schema)!.AsObject();
        schema["properties"]!["list"]![keyword] = JsonNode.Parse(value);

        // Either the keyword is refused outright, or (const, understood in anyOf and then) the cases
        // derived without it disagree with the schema: both stop the load.
        Assert.That(() => RequestModel.Parse(schema.ToJsonString()),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains($"'{keyword}'").Or.Message.Contains("derived cases disagree with the request schema"));
    }

    private sealed class NoReferences : IReferenceValues
    {
        public static readonly NoReferences Instance = new();

        public string Existing(string resource) => throw new InvalidOperationException("the schema references nothing");

        public string Missing(string resource) => throw new InvalidOperationException("the schema references nothing");
    }
}
