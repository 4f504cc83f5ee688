using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace StageConformance.Schemas;

internal static class SchemaKeywords
{
    public const string Requirement = "x-requirement";

    public const string KeywordRequirements = "x-requirements";

    // NJsonSchema keeps only the assertions it was measured to get right (NJsonSchemaBehaviourTests). Applicators
    // stay in the extension because attribution needs the evaluation path, which NJsonSchema's errors do not give.
    public static readonly FrozenDictionary<string, SchemaEngine> Supported = new Dictionary<string, SchemaEngine>
    {
        ["type"] = SchemaEngine.NJsonSchema,
        ["required"] = SchemaEngine.NJsonSchema,
        ["minimum"] = SchemaEngine.NJsonSchema,
        ["maximum"] = SchemaEngine.NJsonSchema,
        ["exclusiveMinimum"] = SchemaEngine.NJsonSchema,
        ["exclusiveMaximum"] = SchemaEngine.NJsonSchema,
        ["multipleOf"] = SchemaEngine.NJsonSchema,
        ["minProperties"] = SchemaEngine.NJsonSchema,
        ["minItems"] = SchemaEngine.NJsonSchema,

        ["$ref"] = SchemaEngine.Extension,
        ["enum"] = SchemaEngine.Extension,
        ["const"] = SchemaEngine.Extension,
        ["pattern"] = SchemaEngine.Extension,
        ["minLength"] = SchemaEngine.Extension,
        ["maxLength"] = SchemaEngine.Extension,
        ["maxProperties"] = SchemaEngine.Extension,
        ["maxItems"] = SchemaEngine.Extension,
        ["uniqueItems"] = SchemaEngine.Extension,
        ["format"] = SchemaEngine.Extension,
        ["properties"] = SchemaEngine.Extension,
        ["patternProperties"] = SchemaEngine.Extension,
        ["additionalProperties"] = SchemaEngine.Extension,
        ["propertyNames"] = SchemaEngine.Extension,
        ["dependentRequired"] = SchemaEngine.Extension,
        ["items"] = SchemaEngine.Extension,
        ["allOf"] = SchemaEngine.Extension,
        ["anyOf"] = SchemaEngine.Extension,
        ["oneOf"] = SchemaEngine.Extension,
        ["not"] = SchemaEngine.Extension,
        ["if"] = SchemaEngine.Extension,
        ["then"] = SchemaEngine.Extension,
        ["else"] = SchemaEngine.Extension,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Annotations = new[]
    {
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> DefinitionContainers = new[] { "$defs", "definitions" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SchemaMaps = new[] { "properties", "patternProperties" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SchemaArrays = new[] { "allOf", "anyOf", "oneOf" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SingleSchemas = new[]
    {
        "additionalProperties", "propertyNames", "items", "not", "if", "then", "else",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsAnnotation(string keyword) =>
        Annotations.Contains(keyword) || keyword.StartsWith("x-", StringComparison.Ordinal);

    public static bool IsDefinitionContainer(string keyword) => DefinitionContainers.Contains(keyword);

    /// <summary>The subschemas a keyword holds; none for unknown keywords, whose structure is unknown.</summary>
    public static IEnumerable<JsonNode?> Subschemas(string keyword, JsonNode? value)
    {
        if ((SchemaMaps.Contains(keyword) || DefinitionContainers.Contains(keyword)) && value is JsonObject map)
        {
            return map.Select(member => member.Value);
        }

        if (SchemaArrays.Contains(keyword) && value is JsonArray array)
        {
            return array;
        }

        return SingleSchemas.Contains(keyword) && value is JsonObject ? [value] : [];
    }
}
