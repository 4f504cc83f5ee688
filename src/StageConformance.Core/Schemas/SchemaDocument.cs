using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace StageConformance.Schemas;

/// <summary>
/// What a schema must be before it is used: valid against the draft 2020-12 meta-schema, every keyword one that
/// JsonSchema.Net evaluates (the library ignores unknown keywords silently, which would let a constraint go
/// unchecked), references that stay inside the document, and the project's own annotations well-formed.
/// </summary>
internal static class SchemaDocument
{
    private static readonly EvaluationOptions MetaSchemaOptions = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <exception cref="SchemaLoadException">The schema breaks one of those rules; the first one found is named.</exception>
    public static JsonSchema Build(JsonNode root, string sourceName, JsonNode evaluated)
    {
        var schemaLocations = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<(string Pointer, string Reference)>();
        Walk(root, "", "(root)", sourceName, schemaLocations, references);
        CheckAgainstMetaSchema(root, sourceName);
        foreach (var (pointer, reference) in references)
        {
            var fragment = Uri.UnescapeDataString(reference[1..]);
            if (!schemaLocations.Contains(fragment))
            {
                throw new InvalidSchemaException(sourceName, pointer, "$ref", $"'{reference}' does not resolve to a schema in this document");
            }
        }

        try
        {
            return JsonSchema.FromText(evaluated.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidSchemaException(sourceName, "", "(root)", "JsonSchema.Net cannot read it: " + e.Message);
        }
    }

    private static void Walk(
        JsonNode? schema, string pointer, string keywordHere, string sourceName, HashSet<string> schemaLocations, List<(string, string)> references)
    {
        if (schema is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            schemaLocations.Add(pointer);
            return;
        }

        if (schema is not JsonObject obj)
        {
            // Said precisely by the meta-schema check, which runs next.
            return;
        }

        schemaLocations.Add(pointer);
        foreach (var (keyword, member) in obj)
        {
            if (keyword == SchemaKeywords.Requirement)
            {
                if (member is not JsonValue requirement || requirement.GetValueKind() != JsonValueKind.String)
                {
                    throw new InvalidSchemaException(sourceName, pointer, keyword, "must be a string (a requirement id)");
                }
            }
            else if (keyword == SchemaKeywords.KeywordRequirements)
            {
                if (member is not JsonObject map || map.Any(entry => entry.Value is not JsonValue id || id.GetValueKind() != JsonValueKind.String))
                {
                    throw new InvalidSchemaException(sourceName, pointer, keyword, "must map keywords to requirement ids (strings)");
                }
            }
            else if (keyword == "$id" && pointer.Length > 0)
            {
                throw new UnsupportedSchemaKeywordException(
                    sourceName, pointer, keyword, "an $id below the root starts another document; requirements are attributed within one");
            }
            else if (SchemaKeywords.IsAnnotation(keyword))
            {
                continue;
            }
            else if (SchemaKeywords.IsUnfollowed(keyword))
            {
                throw new UnsupportedSchemaKeywordException(
                    sourceName, pointer, keyword, "requirements are attributed along JSON-pointer references ('#/...') only");
            }
            else if (!SchemaKeywords.IsEvaluated(keyword))
            {
                throw new UnsupportedSchemaKeywordException(
                    sourceName, pointer, keyword, "JsonSchema.Net does not evaluate this keyword under draft 2020-12, so nothing would enforce it");
            }
            else if (keyword == "format" && member is JsonValue format && format.TryGetValue<string>(out var name) && Formats.Get(name) is UnknownFormat)
            {
                throw new UnsupportedSchemaKeywordException(sourceName, pointer, keyword, $"format '{name}' is not one JsonSchema.Net knows");
            }
            else if (keyword == "$ref" && member is JsonValue target && target.TryGetValue<string>(out var reference))
            {
                if (!reference.StartsWith('#'))
                {
                    throw new UnsupportedSchemaKeywordException(
                        sourceName, pointer, keyword, $"'{reference}': only references inside the same document ('#...') are supported");
                }

                if (reference.Length > 1 && reference[1] != '/')
                {
                    throw new UnsupportedSchemaKeywordException(
                        sourceName, pointer, keyword, $"'{reference}': only JSON-pointer fragments are supported, not anchors");
                }

                references.Add((pointer, reference));
            }
            else if (keyword is "then" or "else" && !obj.ContainsKey("if"))
            {
                throw new InvalidSchemaException(sourceName, pointer, keyword, "has no 'if' beside it, so it would never apply");
            }

            foreach (var (segment, subschema) in SchemaKeywords.Subschemas(keyword, member))
            {
                var at = Append(pointer, keyword);
                Walk(subschema, segment.Length == 0 ? at : Append(at, segment), keyword, sourceName, schemaLocations, references);
            }
        }

        _ = keywordHere;
    }

    private static void CheckAgainstMetaSchema(JsonNode root, string sourceName)
    {
        var results = MetaSchemas.Draft202012.Evaluate(root, MetaSchemaOptions);
        if (results.IsValid)
        {
            return;
        }

        var deepest = results.Details.Where(detail => detail.HasErrors).DefaultIfEmpty(results)
            .MaxBy(detail => detail.InstanceLocation.Count)!;
        var (location, keyword) = Locate(root, deepest.InstanceLocation.ToArray());
        var reason = deepest.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Values) : "not a valid draft 2020-12 schema";
        throw new InvalidSchemaException(sourceName, location, keyword, reason);
    }

    /// <summary>The schema node and keyword a location in the schema document belongs to.</summary>
    private static (string Pointer, string Keyword) Locate(JsonNode root, string[] segments)
    {
        var node = root;
        var pointer = "";
        var keyword = "(root)";
        for (var i = 0; i < segments.Length && node is JsonObject obj; i++)
        {
            keyword = segments[i];
            var member = obj[keyword];
            var nested = SchemaKeywords.HoldsSchemaMap(keyword) || SchemaKeywords.HoldsSchemaArray(keyword);
            var steps = nested ? 2 : 1;
            if (!(nested || SchemaKeywords.HoldsSchema(keyword)) || i + steps >= segments.Length)
            {
                return (pointer, keyword);
            }

            if (nested)
            {
                var name = segments[++i];
                node = member is JsonArray array && int.TryParse(name, out var index) && index < array.Count ? array[index] : member?[name];
                pointer = Append(Append(pointer, keyword), name);
            }
            else
            {
                node = member;
                pointer = Append(pointer, keyword);
            }
        }

        return (pointer, keyword);
    }

    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
