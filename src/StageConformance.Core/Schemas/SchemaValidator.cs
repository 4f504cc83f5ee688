using System.Text.Json.Nodes;

namespace StageConformance.Schemas;

/// <summary>
/// Validates JSON instances against a JSON Schema (the keyword subset in <see cref="SupportedKeywords"/>) and
/// attributes each violation to the nearest <c>x-requirement</c> on the evaluation path.
/// </summary>
public sealed class SchemaValidator
{
    private readonly SchemaEvaluator evaluator;

    private SchemaValidator(JsonNode schema, string sourceName)
    {
        Schema = schema;
        SourceName = sourceName;
        evaluator = new SchemaEvaluator(SchemaCompiler.Compile(sourceName, schema));
    }

    /// <summary>Every keyword that can be enforced, and which engine enforces it.</summary>
    public static IReadOnlyDictionary<string, SchemaEngine> SupportedKeywords => SchemaKeywords.Supported;

    /// <summary>The schema as loaded; read it (generators do), do not change it.</summary>
    public JsonNode Schema { get; }

    public string SourceName { get; }

    /// <exception cref="SchemaLoadException">The schema uses a keyword no engine enforces, or a malformed value.</exception>
    public static SchemaValidator Load(string schemaFilePath)
    {
        var json = File.ReadAllText(schemaFilePath);
        return Parse(json, schemaFilePath);
    }

    /// <exception cref="SchemaLoadException">The schema uses a keyword no engine enforces, or a malformed value.</exception>
    public static SchemaValidator Parse(string json) => Parse(json, "(inline schema)");

    private static SchemaValidator Parse(string json, string sourceName)
    {
        var schema = JsonNode.Parse(json)
            ?? throw new InvalidSchemaException(sourceName, "", "(root)", "a schema must be a JSON object or a boolean, not null");
        return new SchemaValidator(schema, sourceName);
    }

    public IReadOnlyList<SchemaViolation> Validate(JsonNode? instance)
    {
        var violations = new List<SchemaViolation>();
        evaluator.Evaluate(instance, "", Schema, null, "(root)", violations, 0);
        return violations;
    }

    /// <exception cref="System.Text.Json.JsonException"><paramref name="json"/> is not JSON.</exception>
    public IReadOnlyList<SchemaViolation> Validate(string json) => Validate(JsonNode.Parse(json));

    /// <summary>
    /// Every validation keyword used anywhere in <paramref name="schema"/> (supported or not), without annotations
    /// (<c>title</c>, <c>description</c>, <c>x-*</c>...) or the <c>$defs</c>/<c>definitions</c> containers.
    /// </summary>
    public static IReadOnlySet<string> KeywordsIn(JsonNode schema)
    {
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, keywords);
        return keywords;

        static void Collect(JsonNode? node, HashSet<string> keywords)
        {
            if (node is not JsonObject obj)
            {
                return;
            }

            foreach (var (keyword, value) in obj)
            {
                if (SchemaKeywords.IsAnnotation(keyword))
                {
                    continue;
                }

                if (!SchemaKeywords.IsDefinitionContainer(keyword))
                {
                    keywords.Add(keyword);
                }

                foreach (var subschema in SchemaKeywords.Subschemas(keyword, value))
                {
                    Collect(subschema, keywords);
                }
            }
        }
    }
}
