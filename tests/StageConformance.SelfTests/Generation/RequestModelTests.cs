using System.Text.Json.Nodes;
using FsCheck.Fluent;
using NUnit.Framework;
using StageConformance.Generation;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Generation;

public sealed class RequestModelTests
{
    private const string NameWithDefault = """
        {
          "type": "object", "x-requirement": "r.types",
          "required": ["name"],
          "properties": {
            "name": {
              "type": "string", "minLength": 1, "maxLength": 16,
              "anyOf": [
                { "pattern": "^[a-z_-]*$", "x-requirement": "r.charset" },
                { "const": "$default", "x-requirement": "r.default", "x-generate-omit": "one fixed name" }
              ],
              "x-requirements": { "minLength": "r.length", "maxLength": "r.length", "anyOf": "r.charset" },
              "x-identity": true
            },
            "settings": { "$ref": "#/$defs/settings" },
            "perRoute": { "type": "object", "additionalProperties": { "$ref": "#/$defs/settings" }, "x-generate-keys": ["$default"] }
          },
          "$defs": {
            "settings": {
              "type": "object",
              "properties": {
                "level": { "type": "string", "enum": ["ERROR", "OFF"], "x-requirements": { "enum": "r.level" }, "x-parent": "websocket" },
                "limit": { "type": "integer" }
              }
            }
          }
        }
        """;

    private static readonly IReferenceValues NoReferences = new References();

    [Test]
    public void A_constant_alternative_is_accepted_and_its_neighbour_breaks_the_anyOf()
    {
        var model = RequestModel.Parse(NameWithDefault);

        var accepted = model.Probes.Single(p => p.Id == "r.default/name/const:default---the-constant");
        var neighbour = model.Probes.Single(p => p.Id.StartsWith("r.charset/name/const:", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(accepted.Expectation, Is.EqualTo(Expectation.Accepted));
            Assert.That(Name(accepted), Is.EqualTo("$default"));
            Assert.That(neighbour.Expectation, Is.EqualTo(Expectation.Rejected));
            Assert.That(Name(neighbour), Is.EqualTo("$defaulu"));
            Assert.That(model.Probes.Where(p => p.Requirement == "r.charset" && p.Expectation == Expectation.Rejected).Select(Name), Does.Contain("ab ab"));
            Assert.That(model.IdentityConstants, Is.EquivalentTo(new[] { "$default" }));
        });
    }

    [Test]
    public void Valid_requests_are_valid_and_never_drawn_from_an_alternative_marked_omit()
    {
        var model = RequestModel.Parse(NameWithDefault);
        var schema = SchemaValidator.Parse(NameWithDefault);

        var samples = model.Valid(NoReferences).Generator.Sample(20, 200);

        Assert.Multiple(() =>
        {
            Assert.That(samples.SelectMany(s => schema.Validate(s)), Is.Empty);
            Assert.That(samples.Select(s => s["name"]!.GetValue<string>()), Has.None.EqualTo("$default"));
            Assert.That(samples.Where(s => s["perRoute"] is JsonObject { Count: > 0 }).SelectMany(s => s["perRoute"]!.AsObject().Select(e => e.Key)), Has.All.EqualTo("$default"));
        });
    }

    [Test]
    public void Members_of_a_map_of_objects_are_probed_under_a_generated_key()
    {
        var model = RequestModel.Parse(NameWithDefault);

        var ids = model.Probes.Select(p => p.Id).ToList();

        Assert.That(ids, Does.Contain("r.types/perRoute/value-type:value-sent-as--notanobject"));
        Assert.That(ids, Does.Contain("r.level/perRoute.$default.level/enum:ERROR---a-listed-value"));
        Assert.That(ids, Does.Contain("r.level/settings.level/enum:OFG---next-to--OFF---not-listed"));
        Assert.That(ids, Does.Contain("r.types/settings.limit/type:sent-as--notanumber"));
    }

    [Test]
    public void A_member_marked_x_parent_names_the_parent_a_request_needs()
    {
        var model = RequestModel.Parse(NameWithDefault);

        Assert.Multiple(() =>
        {
            Assert.That(model.ParentsRequiredBy(Body("""{"name": "a", "settings": {"limit": 1}}""")), Is.Empty);
            Assert.That(model.ParentsRequiredBy(Body("""{"name": "a", "settings": {"level": "OFF"}}""")), Is.EquivalentTo(new[] { "websocket" }));
            Assert.That(model.ParentsRequiredBy(Body("""{"name": "a", "perRoute": {"$default": {"level": "OFF"}}}""")), Is.EquivalentTo(new[] { "websocket" }));
        });
    }

    [TestCase("format", "\"date-time\"")]
    [TestCase("minItems", "1")]
    [TestCase("x-generate-omitt", "\"typo\"")]
    [TestCase("oneOf", """[{"const": "a"}]""")]
    public void A_keyword_the_generators_do_not_understand_fails_at_load(string keyword, string value)
    {
        var schema = """{"type": "object", "x-requirement": "r", "properties": {"name": {"type": "string", "x-identity": true, """
            + $"\"{keyword}\": {value}" + "}}}";

        Assert.That(() => RequestModel.Parse(schema), Throws.InstanceOf<InvalidDataException>().With.Message.Contains($"'{keyword}'"));
    }

    [Test]
    public void A_case_the_schema_disagrees_with_fails_at_load()
    {
        // The constant's neighbour "$b" matches the first alternative, so "rejected" would be a wrong verdict.
        const string schema = """
            {"type": "object", "x-requirement": "r", "properties": {"name": {
              "type": "string", "x-identity": true, "x-requirements": {"anyOf": "r.name"},
              "anyOf": [{"pattern": "^[a-z$]*$", "x-requirement": "r.name"}, {"const": "$a", "x-requirement": "r.a"}]}}}
            """;

        Assert.That(() => RequestModel.Parse(schema), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("\"$b\"").And.Message.Contains("breaks no constraint"));
    }

    [Test]
    public void A_ref_with_sibling_keywords_fails_at_load() =>
        Assert.That(
            () => RequestModel.Parse("""{"type": "object", "x-requirement": "r", "properties": {"name": {"type": "string", "x-identity": true}, "s": {"$ref": "#/$defs/s", "type": "object"}}, "$defs": {"s": {"type": "object"}}}"""),
            Throws.InstanceOf<InvalidDataException>().With.Message.Contains("$ref"));

    private static string Name(Probe probe) => probe.Apply(new JsonObject { ["name"] = "abcd" }, NoReferences)["name"]!.GetValue<string>();

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    private sealed class References : IReferenceValues
    {
        public string Existing(string resource) => "existing";

        public string Missing(string resource) => "missing";
    }
}
