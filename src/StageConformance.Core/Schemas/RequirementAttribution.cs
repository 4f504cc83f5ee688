using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;
using JsonPointer = Json.Pointer.JsonPointer;

namespace StageConformance.Schemas;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results into violations, each attributed to the requirement in force where
/// the failing keyword sits: the nearest <c>x-requirement</c> on the evaluation path (through <c>$ref</c>s), or the
/// <c>x-requirements</c> entry for that keyword on its own schema object.
/// Branches that are only tried (<c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>) report as their keyword at
/// the holder, not with the errors inside them; a <c>propertyNames</c> failure is reported at the member it names.
/// </summary>
internal sealed class RequirementAttribution(JsonNode root)
{
    private readonly ConcurrentDictionary<string, Location> locations = new(StringComparer.Ordinal);

    private sealed record Location(JsonNode? Schema, string? Requirement, string ViaKeyword);

    public List<SchemaViolation> Violations(EvaluationResults results)
    {
        var sink = new List<SchemaViolation>();
        Collect(results, sink);
        return sink;
    }

    private void Collect(EvaluationResults node, List<SchemaViolation> sink)
    {
        if (node.IsValid)
        {
            return;
        }

        var here = Locate(node.EvaluationPath);
        var instancePath = node.InstanceLocation.ToString();
        string? RequirementFor(string keyword) =>
            here.Schema is JsonObject schema && schema[SchemaKeywords.KeywordRequirements] is JsonObject perKeyword
                && perKeyword[keyword] is JsonValue specific
                ? specific.GetValue<string>()
                : here.Requirement;

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (keyword.Length == 0)
            {
                sink.Add(new(instancePath, here.ViaKeyword, here.Requirement, "no value is allowed here (false schema)"));
            }
            else if (keyword is not ("anyOf" or "oneOf" or "not"))
            {
                sink.Add(new(instancePath, keyword, RequirementFor(keyword), message));
            }
        }

        var depth = node.EvaluationPath.Count;
        var anyOf = new List<bool>();
        var oneOf = new List<bool>();
        bool? notMatched = null;
        foreach (var child in node.Details)
        {
            switch (child.EvaluationPath[depth])
            {
                case "anyOf":
                    anyOf.Add(child.IsValid);
                    break;
                case "oneOf":
                    oneOf.Add(child.IsValid);
                    break;
                case "not":
                    notMatched = child.IsValid;
                    break;
                case "if":
                    break;
                case "propertyNames":
                    var name = child.InstanceLocation[child.InstanceLocation.Count - 1];
                    var inner = new List<SchemaViolation>();
                    Collect(child, inner);
                    sink.AddRange(inner.Select(violation => violation with
                    {
                        InstancePath = child.InstanceLocation.ToString(),
                        Keyword = "propertyNames",
                        Message = $"name \"{Shorten(name)}\": [{violation.Keyword}] {violation.Message}",
                    }));
                    break;
                default:
                    Collect(child, sink);
                    break;
            }
        }

        if (anyOf.Count > 0 && !anyOf.Contains(true))
        {
            sink.Add(new(instancePath, "anyOf", RequirementFor("anyOf"), "no branch matched"));
        }

        var matched = oneOf.Count(valid => valid);
        if (oneOf.Count > 0 && matched != 1)
        {
            sink.Add(new(instancePath, "oneOf", RequirementFor("oneOf"),
                matched == 0 ? "no branch matched" : $"{matched} branches matched, exactly one must"));
        }

        if (notMatched == true)
        {
            sink.Add(new(instancePath, "not", RequirementFor("not"), "the value matches the schema it must not match"));
        }
    }

    private Location Locate(JsonPointer evaluationPath) => locations.GetOrAdd(evaluationPath.ToString(), _ =>
    {
        var segments = evaluationPath;
        JsonNode? schema = root;
        var requirement = RequirementOf(schema);
        var via = "(root)";
        for (var i = 0; i < segments.Count; i++)
        {
            var keyword = segments[i];
            var holder = schema as JsonObject
                ?? throw new InvalidOperationException($"evaluation path '{evaluationPath}' leaves the schema at segment {i}");
            schema = keyword switch
            {
                "$ref" => Resolve(holder["$ref"]!.GetValue<string>()),
                _ when SchemaKeywords.HoldsSchemaMap(keyword) => holder[keyword]![segments[++i]],
                _ when SchemaKeywords.HoldsSchemaArray(keyword) => holder[keyword]![int.Parse(segments[++i], System.Globalization.CultureInfo.InvariantCulture)],
                _ => holder[keyword],
            };
            via = keyword;
            requirement = RequirementOf(schema) ?? requirement;
        }

        return new Location(schema, requirement, via);
    });

    private JsonNode? Resolve(string reference)
    {
        var fragment = Uri.UnescapeDataString(reference[1..]);
        return JsonPointer.Parse(fragment).TryEvaluate(root, out var target)
            ? target
            : throw new InvalidOperationException($"'{reference}' does not resolve (checked when the schema loaded)");
    }

    private static string? RequirementOf(JsonNode? schema) =>
        schema is JsonObject obj && obj[SchemaKeywords.Requirement] is JsonValue requirement ? requirement.GetValue<string>() : null;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
