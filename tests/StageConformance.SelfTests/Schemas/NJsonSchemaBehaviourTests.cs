using NJsonSchema;
using NJsonSchema.Validation;
using NUnit.Framework;

namespace StageConformance.SelfTests.Schemas;

/// <summary>
/// Pins what NJsonSchema (the pinned version) does on its own, which decided the engine of each keyword in
/// <c>SchemaValidator.SupportedKeywords</c>. If an upgrade changes one of these, revisit that choice.
/// </summary>
[TestFixture]
public sealed class NJsonSchemaBehaviourTests
{
    private static ICollection<ValidationError> Raw(string schema, string instance) =>
        JsonSchema.FromJsonAsync(schema).GetAwaiter().GetResult().Validate(instance);

    [TestCase("""{"const": 1}""", "2")]
    [TestCase("""{"propertyNames": {"maxLength": 1}}""", """{"ab": 1}""")]
    [TestCase("""{"dependentRequired": {"a": ["b"]}}""", """{"a": 1}""")]
    [TestCase("""{"dependencies": {"a": ["b"]}}""", """{"a": 1}""")]
    [TestCase("""{"if": {"type": "string"}, "then": {"maxLength": 1}}""", "\"ab\"")]
    [TestCase("""{"prefixItems": [{"type": "integer"}]}""", """["a"]""")]
    [TestCase("""{"contains": {"type": "integer"}}""", """["a"]""")]
    [TestCase("""{"maxProperties": 0}""", """{"a": 1}""")]
    [TestCase("""{"maxItems": 0}""", "[1]")]
    [TestCase("""{"enum": ["1"]}""", "1")]
    [TestCase("""{"pattern": "^\\d+$"}""", "\"\u0661\u0662\"")]
    [TestCase("""{"pattern": "^[a-z]+$"}""", "\"abc\\n\"")]
    [TestCase("""{"format": "date-time"}""", "\"2024-01-01\"")]
    [TestCase("""{"format": "date-time"}""", "\"2024-01-01 10:00:00\"")]
    [TestCase("""{"$defs": {"n": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/n", "pattern": "^z"}}}""", """{"a": "x"}""")]
    public void Accepts_an_instance_the_keyword_should_reject(string schema, string instance)
    {
        Assert.That(Raw(schema, instance), Is.Empty);
    }

    [TestCase("""{"not": {"const": "x"}}""", "\"y\"")]
    [TestCase("""{"uniqueItems": true}""", """[1, "1"]""")]
    [TestCase("""{"type": "integer"}""", "1.0")]
    [TestCase("""{"maxLength": 3}""", "\"😀😀\"")]
    [TestCase("""{"format": "date-time"}""", "\"2024-01-01t00:00:00z\"")]
    [TestCase("""{"required": ["a"]}""", "5")]
    public void Rejects_an_instance_the_keyword_should_accept(string schema, string instance)
    {
        Assert.That(Raw(schema, instance), Is.Not.Empty);
    }

    [Test]
    public void Boolean_subschemas_do_not_load()
    {
        Assert.That(() => JsonSchema.FromJsonAsync("""{"properties": {"a": false}}""").GetAwaiter().GetResult(), Throws.Exception);
    }

    [Test]
    public void Honours_the_x_nullable_extension_keyword()
    {
        Assert.That(Raw("""{"properties": {"a": {"type": "string", "x-nullable": true}}}""", """{"a": null}"""), Is.Empty);
    }
}
