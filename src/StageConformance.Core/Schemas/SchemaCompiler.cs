using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace StageConformance.Schemas;

/// <summary>Checks every schema node of a document and builds its <see cref="CompiledNode"/>.</summary>
internal sealed class SchemaCompiler
{
    private static readonly HashSet<string> TypeNames = ["null", "boolean", "object", "array", "number", "string", "integer"];

    private readonly string sourceName;
    private readonly JsonNode root;
    private readonly Dictionary<JsonObject, CompiledNode> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly List<(CompiledNode Node, string Reference)> references = [];

    private SchemaCompiler(string sourceName, JsonNode root)
    {
        this.sourceName = sourceName;
        this.root = root;
    }

    public static IReadOnlyDictionary<JsonObject, CompiledNode> Compile(string sourceName, JsonNode root)
    {
        var compiler = new SchemaCompiler(sourceName, root);
        compiler.Visit(root, "", "(root)");
        compiler.ResolveReferences();
        return compiler.nodes;
    }

    private JsonNode Visit(JsonNode? schema, string pointer, string keyword)
    {
        if (schema is JsonObject obj)
        {
            CompileObject(obj, pointer);
            return obj;
        }

        if (schema is JsonValue value && JsonValues.KindOf(value) == InstanceKind.Boolean)
        {
            return value;
        }

        throw Invalid(pointer, keyword, "a schema must be a JSON object or a boolean");
    }

    private void CompileObject(JsonObject schema, string pointer)
    {
        var node = new CompiledNode(pointer);
        nodes.Add(schema, node);

        foreach (var (keyword, value) in schema)
        {
            if (keyword == SchemaKeywords.Requirement)
            {
                node.Requirement = value is JsonValue v && JsonValues.KindOf(v) == InstanceKind.String
                    ? v.GetValue<string>()
                    : throw Invalid(pointer, keyword, "must be a string");
            }
            else if (keyword == SchemaKeywords.KeywordRequirements)
            {
                node.KeywordRequirements = RequireObject(value, pointer, keyword).ToDictionary(
                    p => p.Key,
                    p => p.Value is JsonValue v && JsonValues.KindOf(v) == InstanceKind.String
                        ? v.GetValue<string>()
                        : throw Invalid(pointer, keyword, "must map keywords to requirement ids (strings)"));
            }
            else if (SchemaKeywords.IsAnnotation(keyword))
            {
                continue;
            }
            else if (SchemaKeywords.IsDefinitionContainer(keyword))
            {
                foreach (var (name, definition) in RequireObject(value, pointer, keyword))
                {
                    Visit(definition, JsonPointer.Append(JsonPointer.Append(pointer, keyword), name), keyword);
                }
            }
            else if (!SchemaKeywords.Supported.TryGetValue(keyword, out var engine))
            {
                throw new UnsupportedSchemaKeywordException(
                    sourceName, pointer, keyword, "neither NJsonSchema nor the extension evaluator enforces this keyword");
            }
            else if (engine == SchemaEngine.NJsonSchema)
            {
                node.NJsonSchemaChecks.Add(CompileForNJsonSchema(keyword, value, pointer));
            }
            else
            {
                CompileExtensionKeyword(node, keyword, value, pointer);
            }
        }

        if (node.If is null && (node.Then is not null || node.Else is not null))
        {
            throw Invalid(pointer, node.Then is not null ? "then" : "else", "has no 'if' beside it, so it would never apply");
        }
    }

    private NJsonSchemaCheck CompileForNJsonSchema(string keyword, JsonNode? value, string pointer)
    {
        InstanceKind? appliesTo;
        switch (keyword)
        {
            case "type":
                var names = value is JsonArray list ? list.Select(item => AsString(item, pointer, keyword)).ToList() : [AsString(value, pointer, keyword)];
                if (names.Count == 0 || names.Any(name => !TypeNames.Contains(name)) || names.Distinct().Count() != names.Count)
                {
                    throw Invalid(pointer, keyword, "must name one or more distinct JSON Schema types");
                }

                appliesTo = null;
                break;
            case "required":
                _ = StringArray(value, pointer, keyword);
                appliesTo = InstanceKind.Object;
                break;
            case "minProperties":
                _ = NonNegativeInteger(value, pointer, keyword);
                appliesTo = InstanceKind.Object;
                break;
            case "minItems":
                _ = NonNegativeInteger(value, pointer, keyword);
                appliesTo = InstanceKind.Array;
                break;
            case "multipleOf":
                if (JsonValues.KindOf(value) != InstanceKind.Number || value!.GetValue<decimal>() <= 0)
                {
                    throw Invalid(pointer, keyword, "must be a number greater than 0");
                }

                appliesTo = InstanceKind.Number;
                break;
            default:
                // minimum, maximum, exclusiveMinimum, exclusiveMaximum; the draft-4 boolean form is refused here.
                if (JsonValues.KindOf(value) != InstanceKind.Number)
                {
                    throw Invalid(pointer, keyword, "must be a number");
                }

                appliesTo = InstanceKind.Number;
                break;
        }

        var single = new JsonObject { [keyword] = value!.DeepClone() }.ToJsonString();
        var schema = JsonSchema.FromJsonAsync(single).GetAwaiter().GetResult();
        return new NJsonSchemaCheck(keyword, value, schema, appliesTo);
    }

    private void CompileExtensionKeyword(CompiledNode node, string keyword, JsonNode? value, string pointer)
    {
        var here = JsonPointer.Append(pointer, keyword);
        switch (keyword)
        {
            case "$ref":
                var reference = AsString(value, pointer, keyword);
                if (!reference.StartsWith('#'))
                {
                    throw new UnsupportedSchemaKeywordException(
                        sourceName, pointer, keyword, $"'{reference}': only references inside the same document ('#...') are supported");
                }

                references.Add((node, reference));
                break;
            case "enum":
                node.Enum = value as JsonArray ?? throw Invalid(pointer, keyword, "must be an array");
                break;
            case "const":
                node.HasConst = true;
                node.Const = value;
                break;
            case "pattern":
                node.Pattern = CompileRegex(AsString(value, pointer, keyword), pointer, keyword);
                break;
            case "minLength":
                node.MinLength = NonNegativeInteger(value, pointer, keyword);
                break;
            case "maxLength":
                node.MaxLength = NonNegativeInteger(value, pointer, keyword);
                break;
            case "maxProperties":
                node.MaxProperties = NonNegativeInteger(value, pointer, keyword);
                break;
            case "maxItems":
                node.MaxItems = NonNegativeInteger(value, pointer, keyword);
                break;
            case "uniqueItems":
                node.UniqueItems = JsonValues.KindOf(value) == InstanceKind.Boolean
                    ? value!.GetValue<bool>()
                    : throw Invalid(pointer, keyword, "must be a boolean");
                break;
            case "format":
                var format = AsString(value, pointer, keyword);
                node.DateTimeFormat = format == "date-time"
                    ? true
                    : throw new UnsupportedSchemaKeywordException(
                        sourceName, pointer, keyword, $"format '{format}' is not enforced (only 'date-time' is)");
                break;
            case "properties":
                node.Properties = RequireObject(value, pointer, keyword)
                    .Select(member => (member.Key, Visit(member.Value, JsonPointer.Append(here, member.Key), keyword)))
                    .ToList();
                break;
            case "patternProperties":
                node.PatternProperties = RequireObject(value, pointer, keyword)
                    .Select(member => (
                        CompileRegex(member.Key, pointer, keyword),
                        Visit(member.Value, JsonPointer.Append(here, member.Key), keyword)))
                    .ToList();
                break;
            case "additionalProperties":
                node.AdditionalProperties = Visit(value, here, keyword);
                break;
            case "propertyNames":
                node.PropertyNames = Visit(value, here, keyword);
                break;
            case "dependentRequired":
                node.DependentRequired = RequireObject(value, pointer, keyword)
                    .Select(member => (member.Key, StringArray(member.Value, pointer, keyword)))
                    .ToList();
                break;
            case "items":
                if (value is JsonArray)
                {
                    throw new UnsupportedSchemaKeywordException(
                        sourceName, pointer, keyword, "the array (tuple) form of 'items' is not supported; use a single schema");
                }

                node.Items = Visit(value, here, keyword);
                break;
            case "allOf":
                node.AllOf = SchemaArray(value, pointer, keyword);
                break;
            case "anyOf":
                node.AnyOf = SchemaArray(value, pointer, keyword);
                break;
            case "oneOf":
                node.OneOf = SchemaArray(value, pointer, keyword);
                break;
            case "not":
                node.Not = Visit(value, here, keyword);
                break;
            case "if":
                node.If = Visit(value, here, keyword);
                break;
            case "then":
                node.Then = Visit(value, here, keyword);
                break;
            case "else":
                node.Else = Visit(value, here, keyword);
                break;
            default:
                throw new InvalidOperationException($"keyword '{keyword}' is listed as supported but has no compiler");
        }
    }

    private void ResolveReferences()
    {
        foreach (var (node, reference) in references)
        {
            var fragment = Uri.UnescapeDataString(reference[1..]);
            if (fragment.Length > 0 && !fragment.StartsWith('/'))
            {
                throw new UnsupportedSchemaKeywordException(
                    sourceName, node.Pointer, "$ref", $"'{reference}': only JSON-pointer fragments are supported, not anchors");
            }

            JsonNode? target = root;
            foreach (var segment in fragment.Split('/').Skip(1).Select(JsonPointer.Unescape))
            {
                target = target switch
                {
                    JsonObject obj when obj.TryGetPropertyValue(segment, out var child) => child,
                    JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                    _ => throw Invalid(node.Pointer, "$ref", $"'{reference}' does not resolve"),
                };
            }

            var isSchema = target is JsonObject obj2 ? nodes.ContainsKey(obj2) : JsonValues.KindOf(target) == InstanceKind.Boolean && target is not null;
            node.RefTarget = isSchema ? target : throw Invalid(node.Pointer, "$ref", $"'{reference}' does not point to a schema");
        }
    }

    private JsonNode[] SchemaArray(JsonNode? value, string pointer, string keyword)
    {
        if (value is not JsonArray array || array.Count == 0)
        {
            throw Invalid(pointer, keyword, "must be a non-empty array of schemas");
        }

        var here = JsonPointer.Append(pointer, keyword);
        return array.Select((item, index) => Visit(item, JsonPointer.Append(here, index), keyword)).ToArray();
    }

    private Regex CompileRegex(string pattern, string pointer, string keyword)
    {
        try
        {
            return EcmaRegex.Create(pattern);
        }
        catch (ArgumentException e)
        {
            throw Invalid(pointer, keyword, $"'{pattern}' is not a usable regular expression: {e.Message}");
        }
    }

    private JsonObject RequireObject(JsonNode? value, string pointer, string keyword) =>
        value as JsonObject ?? throw Invalid(pointer, keyword, "must be an object");

    private string AsString(JsonNode? value, string pointer, string keyword) =>
        JsonValues.KindOf(value) == InstanceKind.String ? value!.GetValue<string>() : throw Invalid(pointer, keyword, "must be a string");

    private string[] StringArray(JsonNode? value, string pointer, string keyword)
    {
        var strings = value is JsonArray array
            ? array.Select(item => AsString(item, pointer, keyword)).ToArray()
            : throw Invalid(pointer, keyword, "must be an array of strings");
        return strings.Distinct(StringComparer.Ordinal).Count() == strings.Length
            ? strings
            : throw Invalid(pointer, keyword, "must not repeat a name");
    }

    private int NonNegativeInteger(JsonNode? value, string pointer, string keyword)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) && number >= 0)
        {
            return number;
        }

        throw Invalid(pointer, keyword, "must be a non-negative integer");
    }

    private InvalidSchemaException Invalid(string pointer, string keyword, string message) => new(sourceName, pointer, keyword, message);
}
