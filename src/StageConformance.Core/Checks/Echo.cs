using System.Text.Json;
using System.Text.Json.Nodes;
using StageConformance.Generation;

namespace StageConformance.Checks;

/// <summary>
/// Compares what was sent with what a response shows: every member sent must come back with the
/// same value. Numbers compare by value (50 equals 50.0), objects member by member (the response
/// may add members), and an empty map sent may come back absent. x-echo annotations in the request
/// schema state the documented exceptions: shown only "when" another member has a value, or "never".
/// </summary>
public static class Echo
{
    public static IReadOnlyList<string> Differences(JsonObject sent, JsonNode? received, SchemaNode schema)
    {
        var differences = new List<string>();
        Compare(sent, received as JsonObject, schema, sent, "", differences);
        return differences;
    }

    private static void Compare(JsonObject sent, JsonObject? received, SchemaNode? schema, JsonObject root, string path, List<string> differences)
    {
        foreach (var (name, value) in sent)
        {
            var memberSchema = schema?.Properties.FirstOrDefault(p => p.Name == name).Schema;
            if (memberSchema is not null && !Applies(memberSchema, root))
            {
                continue;
            }

            var memberPath = path + "/" + name;
            var got = received?[name];
            if (value is JsonObject sentObject)
            {
                if (sentObject.Count == 0 && got is null)
                {
                    continue;
                }

                if (got is not JsonObject gotObject)
                {
                    differences.Add($"{memberPath}: sent {Show(value)}, got {Show(got)}");
                    continue;
                }

                if (memberSchema is not null && memberSchema.IsMap)
                {
                    CompareMap(sentObject, gotObject, memberSchema.Child("additionalProperties"), root, memberPath, differences);
                }
                else
                {
                    Compare(sentObject, gotObject, memberSchema, root, memberPath, differences);
                }

                continue;
            }

            if (!SameValue(value, got))
            {
                differences.Add($"{memberPath}: sent {Show(value)}, got {Show(got)}");
            }
        }
    }

    private static void CompareMap(JsonObject sent, JsonObject got, SchemaNode? valueSchema, JsonObject root, string path, List<string> differences)
    {
        foreach (var (key, value) in sent)
        {
            // Object values compare member by member, like any object: the response may add defaults.
            if (value is JsonObject sentValue && got[key] is JsonObject gotValue)
            {
                Compare(sentValue, gotValue, valueSchema, root, $"{path}/{key}", differences);
                continue;
            }

            if (!SameValue(value, got[key]))
            {
                differences.Add($"{path}/{key}: sent {Show(value)}, got {Show(got[key])}");
            }
        }
    }

    private static bool Applies(SchemaNode member, JsonObject root)
    {
        if (member.Json["x-echo"]?["never"] is JsonValue never && never.GetValue<bool>())
        {
            return false;
        }

        if (member.Json["x-echo"]?["when"] is not JsonObject when)
        {
            return true;
        }

        var other = root[when["member"]!.GetValue<string>()];
        return JsonNode.DeepEquals(other, when["equals"]);
    }

    /// <summary>Deep equality with numbers compared by value at any depth and object members in any order.</summary>
    public static bool SameValue(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && SameValue(p.Value, other)),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameValue(p.First, p.Second)),
        (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number => Number(x) == Number(y),
        _ => JsonNode.DeepEquals(a, b),
    };

    /// <summary>A JSON number as a double, whether parsed from text or built from a CLR int, long or double.</summary>
    public static double Number(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    public static string Show(JsonNode? node) => node is null ? "(absent)" : node.ToJsonString();
}
