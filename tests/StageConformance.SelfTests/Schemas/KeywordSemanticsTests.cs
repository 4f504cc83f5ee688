using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Schemas;

/// <summary>Keyword semantics the verdicts depend on (code-point lengths, conditionals, JSON equality...), as the validator applies them.</summary>
[TestFixture]
public sealed class KeywordSemanticsTests
{
    private static IReadOnlyList<SchemaViolation> Validate(string schema, JsonNode? instance) =>
        SchemaValidator.Parse(schema).Validate(instance);

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string instance) =>
        SchemaValidator.Parse(schema).Validate(instance);

    [TestCase("😀😀😀", 3, true, Description = "3 code points, 6 UTF-16 units")]
    [TestCase("😀😀😀😀", 3, false)]
    [TestCase("a\u0301bc", 4, true, Description = "a combining accent is a code point of its own")]
    [TestCase("a\u0301bc", 3, false)]
    [TestCase("", 0, true)]
    public void MaxLength_counts_code_points(string value, int maxLength, bool valid)
    {
        var violations = Validate($$"""{"maxLength": {{maxLength}}}""", JsonValue.Create(value));

        Assert.That(violations, valid ? Is.Empty : Has.Exactly(1).Property(nameof(SchemaViolation.Keyword)).EqualTo("maxLength"));
    }

    [Test]
    public void Lone_surrogate_counts_as_one_code_point()
    {
        // Built in code: a lone surrogate does not survive in attribute arguments.
        var value = JsonValue.Create(new string(['\ud800', 'x']));

        Assert.That(Validate("""{"maxLength": 2, "minLength": 2}""", value), Is.Empty);
    }

    [TestCase("😀😀", 2, true)]
    [TestCase("😀", 2, false, Description = "2 UTF-16 units, but one code point")]
    public void MinLength_counts_code_points(string value, int minLength, bool valid)
    {
        var violations = Validate($$"""{"minLength": {{minLength}}}""", JsonValue.Create(value));

        Assert.That(violations, valid ? Is.Empty : Has.Exactly(1).Property(nameof(SchemaViolation.Keyword)).EqualTo("minLength"));
    }

    [Test]
    public void Length_violation_is_reported_once()
    {
        var violations = Validate("""{"type": "string", "minLength": 5, "maxLength": 1}""", "\"abc\"");

        Assert.That(violations.Select(v => v.Keyword), Is.EqualTo(new[] { "minLength", "maxLength" }));
    }

    [TestCase("ab", true)]
    [TestCase("abcd", false, Description = "nested maxLength")]
    [TestCase("a", false, Description = "nested minLength")]
    [TestCase("a-b", false, Description = "nested pattern")]
    [TestCase("id", false, Description = "nested not")]
    [TestCase("😀😀😀", true, Description = "name length in code points too")]
    public void PropertyNames_applies_its_subschema_to_each_name(string name, bool valid)
    {
        const string schema = """{"propertyNames": {"minLength": 2, "maxLength": 3, "pattern": "^[a-z😀]+$", "not": {"enum": ["id"]}}}""";
        var instance = new JsonObject { [name] = 1, ["ok"] = 2 };

        var violations = Validate(schema, instance);

        Assert.That(violations, valid ? Is.Empty : Has.Exactly(1).Matches<SchemaViolation>(
            v => v.Keyword == "propertyNames" && v.InstancePath == "/" + name));
    }

    [Test]
    public void PropertyNames_ignores_non_objects()
    {
        Assert.That(Validate("""{"propertyNames": {"maxLength": 1}}""", "\"long string\""), Is.Empty);
    }

    [TestCase("5", false)]
    [TestCase("\"x\"", true)]
    [TestCase("{\"a\": 1}", false)]
    [TestCase("{\"a\": \"s\"}", true)]
    public void Not_inverts_its_subschema(string instance, bool valid)
    {
        var violations = Validate("""{"not": {"anyOf": [{"type": "integer"}, {"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"]}]}}""", instance);

        Assert.That(violations, valid ? Is.Empty : Has.Exactly(1).Property(nameof(SchemaViolation.Keyword)).EqualTo("not"));
    }

    [Test]
    public void Not_over_const_is_not_a_false_positive()
    {
        Assert.That(Validate("""{"not": {"const": "x"}}""", "\"y\""), Is.Empty);
    }

    [TestCase("""{"const": null}""", "null", true)]
    [TestCase("""{"const": null}""", "0", false)]
    [TestCase("""{"const": 1}""", "1.0", true)]
    [TestCase("""{"const": 1}""", "\"1\"", false)]
    [TestCase("""{"const": {"a": 1, "b": [true]}}""", """{"b": [true], "a": 1}""", true)]
    [TestCase("""{"const": {"a": 1}}""", """{"a": 1, "b": 2}""", false)]
    [TestCase("""{"const": [1, 2]}""", "[2, 1]", false)]
    public void Const_uses_json_equality(string schema, string instance, bool valid)
    {
        var violations = Validate(schema, instance);

        Assert.That(violations, valid ? Is.Empty : Has.Exactly(1).Property(nameof(SchemaViolation.Keyword)).EqualTo("const"));
    }

    [TestCase("""{"a": 1, "b": 1, "c": 1}""", 0)]
    [TestCase("""{"x": 1}""", 0)]
    [TestCase("""{"a": 1}""", 1, Description = "one violation names every missing property")]
    [TestCase("""{"a": 1, "c": 1}""", 1)]
    public void DependentRequired_requires_the_listed_properties(string instance, int violations)
    {
        var result = Validate("""{"dependentRequired": {"a": ["b", "c"]}}""", instance);

        Assert.That(result, Has.Count.EqualTo(violations).And.All.Property(nameof(SchemaViolation.Keyword)).EqualTo("dependentRequired"));
    }

    private const string Conditional = """
        {
          "if": {"properties": {"kind": {"const": "file"}}, "required": ["kind"]},
          "then": {"required": ["path"]},
          "else": {"not": {"required": ["path"]}}
        }
        """;

    [TestCase("""{"kind": "file", "path": "/x"}""", null)]
    [TestCase("""{"kind": "file"}""", "required")]
    [TestCase("""{"kind": "dir"}""", null)]
    [TestCase("""{"kind": "dir", "path": "/x"}""", "not")]
    [TestCase("""{"path": "/x"}""", "not")]
    public void If_then_else_selects_the_branch(string instance, string? keyword)
    {
        var violations = Validate(Conditional, instance);

        Assert.That(violations.Select(v => v.Keyword), keyword is null ? Is.Empty : Is.EqualTo(new[] { keyword }));
    }

    [Test]
    public void If_without_then_or_else_constrains_nothing()
    {
        Assert.That(Validate("""{"if": {"type": "string"}}""", "5"), Is.Empty);
    }

    [TestCase("\"ab\"", 0)]
    [TestCase("5", 0, Description = "maxLength holds vacuously for a number")]
    [TestCase("\"a\"", 1, Description = "both branches match")]
    [TestCase("null", 1, Description = "no branch matches")]
    public void OneOf_needs_exactly_one_branch(string instance, int violations)
    {
        var result = Validate("""{"oneOf": [{"type": "string"}, {"maxLength": 1, "type": ["integer", "string"]}]}""", instance);

        Assert.That(result, Has.Count.EqualTo(violations).And.All.Property(nameof(SchemaViolation.Keyword)).EqualTo("oneOf"));
    }

    [Test]
    public void Ref_sibling_keywords_are_applied_too()
    {
        var violations = Validate("""{"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "pattern": "^z"}""", "\"xy\"");

        Assert.That(violations.Single().Keyword, Is.EqualTo("pattern"));
    }

    [Test]
    public void Recursive_schema_follows_the_instance()
    {
        const string tree = """{"type": "object", "properties": {"name": {"maxLength": 2}, "children": {"items": {"$ref": "#"}}}}""";

        var violations = Validate(tree, """{"name": "a", "children": [{"name": "b", "children": [{"name": "long"}]}]}""");

        Assert.That(violations.Single().InstancePath, Is.EqualTo("/children/0/children/0/name"));
    }

    [Test]
    public void Ref_cycle_that_never_descends_fails_loudly()
    {
        var validator = SchemaValidator.Parse("""{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}""");

        Assert.That(() => validator.Validate("1"), Throws.TypeOf<Json.Schema.JsonSchemaException>().With.Message.Contains("circular reference"));
    }

    [Test]
    public void Boolean_schemas_are_honoured()
    {
        var validator = SchemaValidator.Parse("""{"properties": {"gone": false, "any": true}}""");

        Assert.That(validator.Validate("""{"any": [1], "gone": 1}""").Single(),
            Has.Property(nameof(SchemaViolation.Keyword)).EqualTo("properties").And.Property(nameof(SchemaViolation.InstancePath)).EqualTo("/gone"));
    }

    [Test]
    public void Instance_built_in_code_validates_like_parsed_json()
    {
        var instance = new JsonObject { ["n"] = 2.0, ["s"] = "😀😀", ["z"] = null, ["id"] = Guid.Empty, ["c"] = 'x' };
        const string schema = """
            {"properties": {
              "n": {"type": "integer", "maximum": 1}, "s": {"maxLength": 1}, "z": {"type": "null"},
              "id": {"type": "string", "pattern": "^0{8}-", "maxLength": 35}, "c": {"const": "x"}
            }}
            """;

        var violations = Validate(schema, instance);

        Assert.That(violations.Select(v => (v.InstancePath, v.Keyword)), Is.EquivalentTo(new[]
        {
            ("/n", "maximum"), ("/s", "maxLength"), ("/id", "maxLength"),
        }));
    }

    [Test]
    public void A_schema_validates_alike_every_time_also_in_parallel_and_with_a_relative_id()
    {
        var validator = SchemaValidator.Parse("""{"$id": "dialect/x.schema.json", "$defs": {"n": {"maxLength": 1}}, "items": {"properties": {"a": {"$ref": "#/$defs/n"}}}}""");

        // In parallel too: the suite's sessions share one validator per schema.
        var counts = Enumerable.Range(0, 2000).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => validator.Validate("""[{"a": "xy"}, {"a": "xy"}]""").Count).Distinct().ToList();

        Assert.That(counts, Is.EqualTo(new[] { 2 }));
    }
}
