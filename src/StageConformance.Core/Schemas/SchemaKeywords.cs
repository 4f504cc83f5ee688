using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Json.Schema;

namespace StageConformance.Schemas;

/// <summary>The shape of draft 2020-12 schema documents: which keywords hold subschemas, and which only annotate.</summary>
internal static class SchemaKeywords
{
    public const string Requirement = "x-requirement";

    public const string KeywordRequirements = "x-requirements";

    private static readonly FrozenSet<string> Annotations = new[]
    {
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Keywords that hold a map of subschemas (name to schema).</summary>
    private static readonly FrozenSet<string> SchemaMaps = new[]
    {
        "properties", "patternProperties", "dependentSchemas", "$defs", "definitions",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SchemaArrays = new[] { "allOf", "anyOf", "oneOf", "prefixItems" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> SingleSchemas = new[]
    {
        "additionalProperties", "propertyNames", "items", "contains", "not", "if", "then", "else",
        "unevaluatedProperties", "unevaluatedItems", "contentSchema",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Identifiers the requirement attribution cannot follow: it walks evaluation paths through JSON-pointer
    /// <c>$ref</c>s only, so a schema that needs these is refused rather than attributed wrongly.
    /// </summary>
    private static readonly FrozenSet<string> Unfollowed = new[]
    {
        "$anchor", "$dynamicAnchor", "$dynamicRef", "$recursiveRef", "$recursiveAnchor", "$vocabulary",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsAnnotation(string keyword) =>
        Annotations.Contains(keyword) || keyword.StartsWith("x-", StringComparison.Ordinal);

    public static bool IsDefinitionContainer(string keyword) => keyword is "$defs" or "definitions";

    public static bool HoldsSchemaMap(string keyword) => SchemaMaps.Contains(keyword);

    public static bool HoldsSchemaArray(string keyword) => SchemaArrays.Contains(keyword);

    public static bool HoldsSchema(string keyword) => SingleSchemas.Contains(keyword);

    public static bool IsUnfollowed(string keyword) => Unfollowed.Contains(keyword);

    /// <summary>Whether JsonSchema.Net evaluates this keyword under draft 2020-12 (an unknown keyword would be ignored silently).</summary>
    public static bool IsEvaluated(string keyword)
    {
        if (IsDefinitionContainer(keyword))
        {
            return true;
        }

        var implementation = SchemaKeywordRegistry.GetImplementationType(keyword);
        return implementation is not null
            && implementation.GetCustomAttributes(typeof(SchemaSpecVersionAttribute), inherit: false)
                .Cast<SchemaSpecVersionAttribute>()
                .Any(attribute => attribute.Version.HasFlag(SpecVersion.Draft202012));
    }

    /// <summary>The subschemas a keyword holds; none for keywords that hold values.</summary>
    public static IEnumerable<(string Segment, JsonNode? Schema)> Subschemas(string keyword, JsonNode? value)
    {
        if (HoldsSchemaMap(keyword) && value is JsonObject map)
        {
            return map.Select(member => (member.Key, member.Value));
        }

        if (HoldsSchemaArray(keyword) && value is JsonArray array)
        {
            return array.Select((item, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), item));
        }

        return HoldsSchema(keyword) && value is JsonObject or JsonValue ? [("", value)] : [];
    }
}
