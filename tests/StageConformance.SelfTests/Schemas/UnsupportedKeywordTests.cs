using NUnit.Framework;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Schemas;

[TestFixture]
public sealed class UnsupportedKeywordTests
{
    private string directory = "";

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("schema-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(directory, "probe.schema.json");
        File.WriteAllText(path, json);
        return path;
    }

    [TestCase("""{"properties": {"a": {"dependencies": {"a": ["b"]}}}}""", "dependencies", "/properties/a")]
    [TestCase("""{"$defs": {"unused": {"additionalItems": false}}}""", "additionalItems", "/$defs/unused")]
    [TestCase("""{"items": {"anyOf": [{"nullable": true}]}}""", "nullable", "/items/anyOf/0")]
    [TestCase("""{"properties": {"a": {"maxLenght": 3}}}""", "maxLenght", "/properties/a")]
    [TestCase("""{"format": "stage-name"}""", "format", "")]
    [TestCase("""{"$dynamicRef": "#meta"}""", "$dynamicRef", "")]
    [TestCase("""{"$ref": "other.json#/$defs/a"}""", "$ref", "")]
    [TestCase("""{"$defs": {"a": {"$anchor": "a"}}, "$ref": "#a"}""", "$anchor", "/$defs/a")]
    public void Load_refuses_a_keyword_nothing_enforces(string schema, string keyword, string location)
    {
        var path = Write(schema);

        var error = Assert.Throws<UnsupportedSchemaKeywordException>(() => SchemaValidator.Load(path))!;

        Assert.That(error, Has.Property(nameof(SchemaLoadException.Keyword)).EqualTo(keyword)
            .And.Property(nameof(SchemaLoadException.SchemaLocation)).EqualTo(location)
            .And.Property(nameof(SchemaLoadException.SourceName)).EqualTo(path));
        Assert.That(error.Message, Does.Contain(path).And.Contain($"'{keyword}'"));
    }

    [TestCase("""{"type": "strnig"}""", "type")]
    [TestCase("""{"pattern": "("}""", "pattern")]
    [TestCase("""{"maxLength": -1}""", "maxLength")]
    [TestCase("""{"minimum": "5"}""", "minimum")]
    [TestCase("""{"exclusiveMinimum": true, "minimum": 1}""", "exclusiveMinimum")]
    [TestCase("""{"multipleOf": 0}""", "multipleOf")]
    [TestCase("""{"then": {"required": ["a"]}}""", "then")]
    [TestCase("""{"$ref": "#/$defs/missing"}""", "$ref")]
    [TestCase("""{"$ref": "#/enum/0", "enum": [{}]}""", "$ref")]
    [TestCase("""{"properties": {"a": null}}""", "properties")]
    [TestCase("""{"x-requirement": 5}""", "x-requirement")]
    [TestCase("""{"x-requirements": {"maxLength": 5}}""", "x-requirements")]
    [TestCase("""{"items": [{"type": "string"}]}""", "items")]
    [TestCase("""{"properties": {"a": {"required": "b"}}}""", "required")]
    public void Load_refuses_a_malformed_keyword(string schema, string keyword)
    {
        var path = Write(schema);

        var error = Assert.Throws<InvalidSchemaException>(() => SchemaValidator.Load(path))!;

        Assert.That(error.Keyword, Is.EqualTo(keyword));
        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void Annotations_and_unknown_x_keywords_are_accepted_and_kept()
    {
        var path = Write("""{"title": "t", "x-requirement": "r", "x-source": "s", "x-anything": {"contains": 1}, "type": "string"}""");

        var validator = SchemaValidator.Load(path);

        Assert.That(validator.Schema["x-anything"]!["contains"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(validator.Validate("5").Single().Requirement, Is.EqualTo("r"));
    }
}
