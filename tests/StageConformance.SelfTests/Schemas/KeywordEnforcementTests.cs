using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Infrastructure;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Schemas;

/// <summary>A minimal schema for a keyword, an instance it accepts and one it rejects with <see cref="Expected"/>.</summary>
public sealed record KeywordProof(string Keyword, string Schema, string Valid, string Invalid, string? ExpectedKeyword = null, string ExpectedPath = "")
{
    public string Expected => ExpectedKeyword ?? Keyword;

    public override string ToString() => $"{Keyword} rejects {Invalid}";
}

[TestFixture]
public sealed class KeywordEnforcementTests
{
    private const string IfKindIsA = """{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}}""";

    /// <summary>The proof table: a keyword may appear in a schema only if it has a row here.</summary>
    public static readonly IReadOnlyList<KeywordProof> Proofs =
    [
        new("type", """{"type": "integer"}""", "1.0", "1.5"),
        new("type", """{"type": ["string", "null"]}""", "null", "1"),
        new("required", """{"required": ["a"]}""", """{"a": null}""", """{"b": 1}"""),
        new("required", """{"required": ["a"]}""", "5", """{}"""),
        new("minimum", """{"minimum": 5}""", "5", "4.99"),
        new("maximum", """{"maximum": 5}""", "5", "5.01"),
        new("exclusiveMinimum", """{"exclusiveMinimum": 5}""", "5.01", "5"),
        new("exclusiveMaximum", """{"exclusiveMaximum": 5}""", "4.99", "5"),
        new("multipleOf", """{"multipleOf": 0.1}""", "0.3", "0.35"),
        new("minProperties", """{"minProperties": 1}""", """{"a": 1}""", "{}"),
        new("minItems", """{"minItems": 1}""", "[1]", "[]"),

        new("$ref", """{"$defs": {"n": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/n"}}}""", """{"a": "x"}""", """{"a": 1}""", "type", "/a"),
        new("$ref", """{"definitions": {"n": {"maxLength": 1}}, "$ref": "#/definitions/n"}""", "\"x\"", "\"xy\"", "maxLength"),
        new("$ref", """{"$defs": {"n": {"type": "string"}}, "$ref": "#/$defs/n", "maxLength": 1}""", "\"x\"", "\"xy\"", "maxLength"),
        new("enum", """{"enum": ["1", 2]}""", "2.0", "1"),
        new("const", """{"const": "x"}""", "\"x\"", "\"y\""),
        new("const", """{"const": {"a": [1]}}""", """{"a": [1.0]}""", """{"a": [1, 2]}"""),
        new("pattern", """{"pattern": "^\\d+$"}""", "\"123\"", "\"\u0661\u0662\""),
        new("pattern", """{"pattern": "^[a-z]+$"}""", "\"abc\"", "\"abc\\n\""),
        new("pattern", """{"pattern": "b"}""", "\"abc\"", "\"ac\""),
        new("minLength", """{"minLength": 2}""", "\"😀😀\"", "\"😀\""),
        new("maxLength", """{"maxLength": 2}""", "\"😀😀\"", "\"abc\""),
        new("maxProperties", """{"maxProperties": 0}""", "{}", """{"a": 1}"""),
        new("maxItems", """{"maxItems": 0}""", "[]", "[1]"),
        new("uniqueItems", """{"uniqueItems": true}""", """[1, "1"]""", "[1, 1.0]"),
        new("format", """{"format": "date-time"}""", "\"2024-02-29T23:59:60.5+05:30\"", "\"2024-01-01\""),
        new("format", """{"format": "date-time"}""", "\"2024-01-01t00:00:00z\"", "\"2024-01-01T00:00:00\""),
        new("format", """{"format": "date-time"}""", "5", "\"2023-02-29T00:00:00Z\""),
        new("properties", """{"properties": {"a": {"type": "string"}}}""", """{"a": "x", "b": 1}""", """{"a": 1}""", "type", "/a"),
        new("patternProperties", """{"patternProperties": {"^x-": {"type": "integer"}}}""", """{"x-a": 1, "y": "s"}""", """{"x-a": "s"}""", "type", "/x-a"),
        new("additionalProperties", """{"properties": {"a": {}}, "additionalProperties": false}""", """{"a": 1}""", """{"a": 1, "b": 2}""", ExpectedPath: "/b"),
        new("additionalProperties", """{"patternProperties": {"^x-": {}}, "additionalProperties": {"type": "integer"}}""", """{"x-a": "s", "b": 1}""", """{"b": "s"}""", "type", "/b"),
        new("propertyNames", """{"propertyNames": {"pattern": "^[a-z]+$"}}""", """{"abc": 1}""", """{"a-b": 1}""", ExpectedPath: "/a-b"),
        new("dependentRequired", """{"dependentRequired": {"a": ["b"]}}""", """{"b": 1}""", """{"a": 1}"""),
        new("items", """{"items": {"type": "integer"}}""", "[1, 2]", """[1, "x"]""", "type", "/1"),
        new("allOf", """{"allOf": [{"type": "string"}, {"maxLength": 2}]}""", "\"ab\"", "\"abc\"", "maxLength"),
        new("anyOf", """{"anyOf": [{"type": "string"}, {"const": 1}]}""", "1", "2"),
        new("oneOf", """{"oneOf": [{"type": "string"}, {"const": "a"}]}""", "\"b\"", "\"a\""),
        new("not", """{"not": {"const": "x"}}""", "\"y\"", "\"x\""),
        new("if", IfKindIsA, """{"kind": "b"}""", """{"kind": "a"}""", "required"),
        new("then", IfKindIsA, """{"kind": "a", "x": 1}""", """{"kind": "a"}""", "required"),
        new("else", """{"if": {"type": "string"}, "then": {"maxLength": 1}, "else": {"type": "integer"}}""", "1", "1.5", "type"),
    ];

    [TestCaseSource(nameof(Proofs))]
    public void Valid_instance_is_accepted(KeywordProof proof)
    {
        var violations = SchemaValidator.Parse(proof.Schema).Validate(proof.Valid);

        Assert.That(violations, Is.Empty);
    }

    [TestCaseSource(nameof(Proofs))]
    public void Invalid_instance_is_rejected_by_that_keyword(KeywordProof proof)
    {
        var violations = SchemaValidator.Parse(proof.Schema).Validate(proof.Invalid);

        Assert.That(violations, Has.Count.EqualTo(1), string.Join("\n", violations));
        Assert.That(violations[0].Keyword, Is.EqualTo(proof.Expected));
        Assert.That(violations[0].InstancePath, Is.EqualTo(proof.ExpectedPath));
    }

    [Test]
    public void Every_proven_keyword_is_one_the_validator_enforces()
    {
        var proven = Proofs.Select(proof => proof.Keyword).Distinct();

        Assert.That(proven.Where(keyword => !SchemaValidator.Enforces(keyword)), Is.Empty);
    }

    [Test]
    public void Every_keyword_used_by_a_repository_schema_is_proven_and_the_schema_loads()
    {
        var proven = Proofs.Select(proof => proof.Keyword).ToHashSet();
        var files = Directory.Exists(RepositoryPaths.Schemas)
            ? Directory.GetFiles(RepositoryPaths.Schemas, "*.schema.json", SearchOption.AllDirectories)
            : [];

        Assert.Multiple(() =>
        {
            foreach (var file in files)
            {
                var unproven = SchemaValidator.KeywordsIn(JsonNode.Parse(File.ReadAllText(file))!).Except(proven).Order();
                Assert.That(unproven, Is.Empty, $"{Path.GetRelativePath(RepositoryPaths.Root, file)} uses keywords without a proof row");
                Assert.DoesNotThrow(() => SchemaValidator.Load(file), Path.GetRelativePath(RepositoryPaths.Root, file));
            }
        });
    }

    [Test]
    public void KeywordsIn_finds_nested_keywords_and_skips_annotations()
    {
        var schema = JsonNode.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "x", "title": "t", "description": "d",
              "x-requirement": "r", "x-source": "s", "examples": [{"const": 1}], "$comment": "c", "default": {},
              "type": "object",
              "properties": {"minimum": {"$ref": "#/$defs/a"}, "b": {"items": {"format": "date-time"}}},
              "additionalProperties": {"not": {"const": 1}},
              "propertyNames": {"maxLength": 3},
              "$defs": {"a": {"anyOf": [{"pattern": "x"}, {"contains": {"minContains": 1}}]}}
            }
            """)!;

        Assert.That(SchemaValidator.KeywordsIn(schema), Is.EquivalentTo(new[]
        {
            "type", "properties", "$ref", "items", "format", "additionalProperties", "not", "const", "propertyNames", "maxLength",
            "anyOf", "pattern", "contains", "minContains",
        }));
    }
}
