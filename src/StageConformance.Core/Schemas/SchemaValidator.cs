using System.Text.Json.Nodes;
using Json.Schema;

namespace StageConformance.Schemas;

/// <summary>
/// Validates JSON instances against a draft 2020-12 JSON Schema with JsonSchema.Net, and attributes each violation
/// to the requirement the schema names for it (<c>x-requirement</c>, <c>x-requirements</c>).
/// </summary>
public sealed class SchemaValidator
{
    private readonly JsonSchema schema;
    private readonly RequirementAttribution attribution;

    static SchemaValidator()
    {
        DateTimeFormat.Register();
        CodePointLength.Register();
    }

    private SchemaValidator(JsonNode schema, string sourceName)
    {
        Schema = schema;
        SourceName = sourceName;
        var evaluated = EcmaRegex.StrictEndAnchors(schema)!;
        AnchorIdentifier(evaluated);
        this.schema = SchemaDocument.Build(schema, sourceName, evaluated);
        attribution = new RequirementAttribution(evaluated);
    }

    /// <summary>
    /// A relative root <c>$id</c> (the repository's schemas have them, e.g. <c>aws-rest-v1/stage.response.schema.json</c>)
    /// is resolved against the schema's base URI when an evaluation starts; with evaluations in parallel (the suite's
    /// sessions share a validator) JsonSchema.Net 7.4.0 resolves it against an already resolved base, so the URI grows
    /// ("x/x/x/...") until a <c>$ref</c> no longer resolves (measured). The copy given to the library gets an absolute
    /// <c>$id</c> instead.
    /// </summary>
    private static void AnchorIdentifier(JsonNode evaluated)
    {
        if (evaluated is JsonObject root && root["$id"] is JsonValue id && id.TryGetValue<string>(out var text)
            && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            root["$id"] = new Uri(new Uri("https://stageconformance.invalid/schemas/"), text).AbsoluteUri;
        }
    }

    /// <summary>The schema as loaded; read it (generators do), do not change it.</summary>
    public JsonNode Schema { get; }

    public string SourceName { get; }

    /// <exception cref="SchemaLoadException">The schema uses a keyword nothing enforces, or a malformed value.</exception>
    public static SchemaValidator Load(string schemaFilePath)
    {
        var json = File.ReadAllText(schemaFilePath);
        return Parse(json, schemaFilePath);
    }

    /// <exception cref="SchemaLoadException">The schema uses a keyword nothing enforces, or a malformed value.</exception>
    public static SchemaValidator Parse(string json) => Parse(json, "(inline schema)");

    private static SchemaValidator Parse(string json, string sourceName)
    {
        var schema = JsonNode.Parse(json)
            ?? throw new InvalidSchemaException(sourceName, "", "(root)", "a schema must be a JSON object or a boolean, not null");
        return new SchemaValidator(schema, sourceName);
    }

    /// <summary>Whether a keyword is evaluated (JsonSchema.Net under draft 2020-12) and may appear in a schema loaded here.</summary>
    public static bool Enforces(string keyword) =>
        !SchemaKeywords.IsAnnotation(keyword) && !SchemaKeywords.IsUnfollowed(keyword) && SchemaKeywords.IsEvaluated(keyword);

    public IReadOnlyList<SchemaViolation> Validate(JsonNode? instance)
    {
        var options = new EvaluationOptions
        {
            EvaluateAs = SpecVersion.Draft202012,
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
            OnlyKnownFormats = true,
        };

        // Through text: a value built in code may hold a CLR type (char, Guid...) that is a JSON string only once written.
        var copy = instance is null ? null : JsonNode.Parse(instance.ToJsonString());

        // One evaluation at a time per schema: JsonSchema.Net 7.4.0 evaluating one schema on several threads at once
        // sometimes reports an invalid instance as valid (measured), and the suite's sessions share validators.
        EvaluationResults results;
        lock (schema)
        {
            results = schema.Evaluate(copy, options);
        }

        return attribution.Violations(results);
    }

    /// <exception cref="System.Text.Json.JsonException"><paramref name="json"/> is not JSON.</exception>
    public IReadOnlyList<SchemaViolation> Validate(string json) => Validate(JsonNode.Parse(json));

    /// <summary>
    /// Every validation keyword used anywhere in <paramref name="schema"/> (enforced or not), without annotations
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

                foreach (var (_, subschema) in SchemaKeywords.Subschemas(keyword, value))
                {
                    Collect(subschema, keywords);
                }
            }
        }
    }
}
