using System.Text.Json;

namespace StageConformance.ReferenceTarget;

/// <summary>
/// Reads the members of a JSON request object by their documented types. A member of another JSON type is a
/// SerializationException, worded like the service's Java deserializer; with <c>coerce</c> it is turned into the
/// documented type instead (boolean false, string the raw JSON text, map empty, number 0, object absent).
/// </summary>
internal sealed class JsonMembers
{
    private readonly JsonElement element;
    private readonly bool coerce;

    private JsonMembers(JsonElement element, bool coerce)
    {
        this.element = element;
        this.coerce = coerce;
    }

    public static JsonMembers Parse(byte[] body, bool coerce = false)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ApiException.Serialization("Could not parse the request body as JSON: " + e.Message);
        }

        return root.ValueKind == JsonValueKind.Object
            ? new JsonMembers(root, coerce)
            : throw ApiException.Serialization($"class {JavaClass(root)} can not be converted to an object");
    }

    public string? String(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } v => v.GetString(),
            var v => coerce ? v.Value.GetRawText() : throw Mismatch(v.Value, "an String"),
        };

    public bool? Boolean(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            var v => coerce ? false : throw Mismatch(v.Value, "a Boolean"),
        };

    public double? Number(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
            var v => coerce ? 0 : throw Mismatch(v.Value, "a Double"),
        };

    /// <summary>A whole number; a fraction or a number beyond 64 bits is a mismatch, as for a Java int or long.</summary>
    public long? Integer(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var whole) => whole,
            var v => coerce ? 0 : throw Mismatch(v.Value, "an Integer"),
        };


    /// <summary>A whole number within 32 bits, as for a Java int (v2's Integer members).</summary>
    public int? Int32(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out var whole) => whole,
            var v => coerce ? 0 : throw Mismatch(v.Value, "an Integer"),
        };

    /// <summary>A map of objects in the order sent; with <c>coerce</c> an entry that is not an object is dropped.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonMembers>>? ObjectMap(string name)
    {
        if (Member(name) is not { } map)
        {
            return null;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            return coerce ? [] : throw Mismatch(map, "a Map");
        }

        var entries = new List<KeyValuePair<string, JsonMembers>>();
        foreach (var property in map.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                entries.Add(new(property.Name, new JsonMembers(property.Value, coerce)));
            }
            else if (!coerce)
            {
                throw Mismatch(property.Value, "an object");
            }
        }

        return entries;
    }

    /// <summary>A string-to-string map in the order sent; <paramref name="nullValues"/> lets a JSON null value through as null.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>>? Map(string name, bool nullValues = false)
    {
        if (Member(name) is not { } map)
        {
            return null;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            return coerce ? [] : throw Mismatch(map, "a Map");
        }

        var entries = new List<KeyValuePair<string, string?>>();
        foreach (var property in map.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null when nullValues => null,
                _ when coerce => property.Value.GetRawText(),
                _ => throw Mismatch(property.Value, "an String"),
            };
            entries.Add(new(property.Name, value));
        }

        return entries;
    }

    public JsonMembers? Object(string name) =>
        Member(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } v => new JsonMembers(v, coerce),
            var v => coerce ? null : throw Mismatch(v.Value, "an object"),
        };

    /// <summary>A list of JSON objects, each read like the body (UpdateStage's patchOperations).</summary>
    public IReadOnlyList<JsonMembers>? ObjectList(string name)
    {
        if (Member(name) is not { } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Mismatch(list, "a List");
        }

        return list.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Object ? new JsonMembers(item, coerce) : throw Mismatch(item, "an object"))
            .ToList();
    }

    private JsonElement? Member(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static ApiException Mismatch(JsonElement value, string expected) =>
        ApiException.Serialization($"class {JavaClass(value)} can not be converted to {expected}");

    private static string JavaClass(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.True or JsonValueKind.False => "java.lang.Boolean",
            JsonValueKind.Number => value.TryGetInt32(out _) ? "java.lang.Integer" : "java.lang.Double",
            JsonValueKind.String => "java.lang.String",
            JsonValueKind.Array => "java.util.ArrayList",
            JsonValueKind.Object => "java.util.LinkedHashMap",
            _ => "null",
        };
}
