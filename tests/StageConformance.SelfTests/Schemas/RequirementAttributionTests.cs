using NUnit.Framework;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Schemas;

[TestFixture]
public sealed class RequirementAttributionTests
{
    private const string Schema = """
        {
          "x-requirement": "v1.body",
          "type": "object",
          "required": ["stageName"],
          "properties": {
            "stageName": {"$ref": "#/$defs/StageName", "x-requirement": "v1.stageName.length"},
            "alias": {"$ref": "#/$defs/StageName", "x-requirement": "v1.alias"},
            "variables": {
              "x-requirement": "v1.variables",
              "x-source": "spec section 4",
              "type": "object",
              "maxProperties": 2,
              "propertyNames": {"x-requirement": "v1.variables.name", "pattern": "^[a-z /~]+$", "not": {"const": "reserved"}},
              "additionalProperties": {"type": "string", "maxLength": 3, "x-requirement": "v1.variables.value"}
            },
            "tags": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/Tag"}, "x-requirement": "v1.tags"},
            "plain": {"type": "integer"},
            "mode": {
              "x-requirement": "v1.mode",
              "allOf": [{"x-requirement": "v1.mode.kind", "enum": ["a", "b"]}, {"maxLength": 1}]
            }
          },
          "if": {"properties": {"mode": {"const": "b"}}, "required": ["mode"]},
          "then": {"x-requirement": "v1.mode.b.needsTags", "required": ["tags"]},
          "$defs": {
            "StageName": {"type": "string", "maxLength": 5},
            "Tag": {"type": "string", "pattern": "^[a-z]+$", "x-requirement": "v1.tag.format"}
          }
        }
        """;

    private static readonly SchemaValidator Validator = SchemaValidator.Parse(Schema);

    private static SchemaViolation Single(string instance)
    {
        var violations = Validator.Validate(instance);
        Assert.That(violations, Has.Count.EqualTo(1), string.Join("\n", violations));
        return violations[0];
    }

    [TestCase("""{"stageName": "toolong"}""", "/stageName", "maxLength", "v1.stageName.length")]
    [TestCase("""{"stageName": "ok", "alias": "toolong"}""", "/alias", "maxLength", "v1.alias")]
    [TestCase("""{"stageName": "ok", "alias": 5}""", "/alias", "type", "v1.alias")]
    [TestCase("""{"stageName": "ok", "variables": {"a b": "long"}}""", "/variables/a b", "maxLength", "v1.variables.value")]
    [TestCase("""{"stageName": "ok", "variables": {"a b": 1}}""", "/variables/a b", "type", "v1.variables.value")]
    [TestCase("""{"stageName": "ok", "variables": {"A": "x"}}""", "/variables/A", "propertyNames", "v1.variables.name")]
    [TestCase("""{"stageName": "ok", "variables": {"reserved": "x"}}""", "/variables/reserved", "propertyNames", "v1.variables.name")]
    [TestCase("""{"stageName": "ok", "variables": {"a/b~c": "xxxx"}}""", "/variables/a~1b~0c", "maxLength", "v1.variables.value")]
    [TestCase("""{"stageName": "ok", "variables": {"a": "x", "b": "x", "c": "x"}}""", "/variables", "maxProperties", "v1.variables")]
    [TestCase("""{"stageName": "ok", "variables": 7}""", "/variables", "type", "v1.variables")]
    [TestCase("""{"stageName": "ok", "tags": ["ok", "Bad"]}""", "/tags/1", "pattern", "v1.tag.format")]
    [TestCase("""{"stageName": "ok", "tags": ["a", "b", "c"]}""", "/tags", "maxItems", "v1.tags")]
    [TestCase("""{"stageName": "ok", "plain": "x"}""", "/plain", "type", "v1.body")]
    [TestCase("""{}""", "", "required", "v1.body")]
    [TestCase("""{"stageName": "ok", "mode": "c"}""", "/mode", "enum", "v1.mode.kind")]
    [TestCase("""{"stageName": "ok", "mode": "b"}""", "", "required", "v1.mode.b.needsTags")]
    public void Violation_carries_the_nearest_requirement(string instance, string path, string keyword, string requirement)
    {
        var violation = Single(instance);

        Assert.That(violation, Has.Property(nameof(SchemaViolation.InstancePath)).EqualTo(path)
            .And.Property(nameof(SchemaViolation.Keyword)).EqualTo(keyword)
            .And.Property(nameof(SchemaViolation.Requirement)).EqualTo(requirement));
    }

    [Test]
    public void Unattributed_branch_of_allOf_inherits_the_holder()
    {
        var violations = Validator.Validate("""{"stageName": "ok", "mode": "aa"}""");

        Assert.That(violations.Select(v => (v.Keyword, v.Requirement)), Is.EquivalentTo(new[]
        {
            ("enum", "v1.mode.kind"),
            ("maxLength", "v1.mode"),
        }));
    }

    [Test]
    public void Several_violations_are_each_attributed()
    {
        var violations = Validator.Validate("""{"stageName": "toolong", "variables": {"A": "long"}, "plain": 1.5}""");

        Assert.That(violations.Select(v => (v.InstancePath, v.Requirement)), Is.EquivalentTo(new[]
        {
            ("/stageName", "v1.stageName.length"),
            ("/variables/A", "v1.variables.value"),
            ("/variables/A", "v1.variables.name"),
            ("/plain", "v1.body"),
        }));
    }

    [Test]
    public void Schema_without_annotations_gives_no_requirement()
    {
        var violations = SchemaValidator.Parse("""{"properties": {"a": {"type": "string"}}}""").Validate("""{"a": 1}""");

        Assert.That(violations.Single().Requirement, Is.Null);
    }

    [Test]
    public void Valid_instance_has_no_violations()
    {
        Assert.That(
            Validator.Validate("""{"stageName": "ok", "variables": {"a b": "x"}, "tags": ["a"], "plain": 2.0, "mode": "b"}"""),
            Is.Empty);
    }

    [Test]
    public void Raw_schema_is_exposed_with_its_annotations()
    {
        Assert.That(Validator.Schema["properties"]!["variables"]!["x-source"]!.GetValue<string>(), Is.EqualTo("spec section 4"));
    }
}
