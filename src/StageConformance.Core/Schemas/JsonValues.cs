using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace StageConformance.Schemas;

internal enum InstanceKind
{
    Null,
    Boolean,
    Number,
    String,
    Object,
    Array,
}

internal static class JsonValues
{
    public static InstanceKind KindOf(JsonNode? node) => node switch
    {
        null => InstanceKind.Null,
        JsonObject => InstanceKind.Object,
        JsonArray => InstanceKind.Array,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => InstanceKind.String,
            JsonValueKind.Number => InstanceKind.Number,
            JsonValueKind.True or JsonValueKind.False => InstanceKind.Boolean,
            _ => InstanceKind.Null,
        },
    };

    // TryGetValue first: a value built in code may hold a CLR type (char, Guid...) that serializes as a string.
    public static string StringOf(JsonNode node) =>
        node.AsValue().TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(node.ToJsonString())!;

    /// <summary>Length in Unicode code points, as JSON Schema defines string length (a lone surrogate counts as one).</summary>
    public static int CodePointLength(string value)
    {
        var count = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>JSON Schema equality: numbers by mathematical value, objects ignoring member order.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var kind = KindOf(a);
        if (kind != KindOf(b))
        {
            return false;
        }

        switch (kind)
        {
            case InstanceKind.Null:
                return true;
            case InstanceKind.Boolean:
                return a!.GetValueKind() == b!.GetValueKind();
            case InstanceKind.String:
                return string.Equals(StringOf(a!), StringOf(b!), StringComparison.Ordinal);
            case InstanceKind.Number:
                return NumbersEqual(a!.ToJsonString(), b!.ToJsonString());
            case InstanceKind.Array:
                var left = a!.AsArray();
                var right = b!.AsArray();
                return left.Count == right.Count && left.Zip(right).All(pair => DeepEquals(pair.First, pair.Second));
            default:
                var l = a!.AsObject();
                var r = b!.AsObject();
                return l.Count == r.Count
                    && l.All(member => r.TryGetPropertyValue(member.Key, out var other) && DeepEquals(member.Value, other));
        }
    }

    private static bool NumbersEqual(string a, string b)
    {
        if (TryParseDecimal(a, out var x) && TryParseDecimal(b, out var y))
        {
            return x == y;
        }

        return double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture) == double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static bool TryParseDecimal(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Newtonsoft view of the instance for NJsonSchema's single-keyword checks. Shallow on purpose: those checks
    /// (type, required, min/max numbers, minProperties, minItems) read only the value itself or its member names
    /// and count; member values are evaluated separately at their own location.
    /// </summary>
    public static JToken ToShallowJToken(JsonNode? node) => KindOf(node) switch
    {
        InstanceKind.Null => JValue.CreateNull(),
        InstanceKind.Boolean => new JValue(node!.GetValueKind() == JsonValueKind.True),
        InstanceKind.String => new JValue(StringOf(node!)),
        InstanceKind.Number => NumberToken(node!.ToJsonString()),
        InstanceKind.Array => new JArray(node!.AsArray().Select(_ => JValue.CreateNull())),
        _ => new JObject(node!.AsObject().Select(member => new JProperty(member.Key, JValue.CreateNull()))),
    };

    // JSON Schema calls any number with a zero fractional part an integer (1.0, 1e2); Newtonsoft would type
    // those as Float and NJsonSchema would then reject them for "type": "integer".
    private static JValue NumberToken(string text)
    {
        if (TryParseDecimal(text, out var exact))
        {
            if (exact != decimal.Truncate(exact))
            {
                return new JValue(exact);
            }

            return exact is >= long.MinValue and <= long.MaxValue ? new JValue((long)exact) : new JValue((object)new BigInteger(exact));
        }

        var approximate = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        // Beyond decimal's range NJsonSchema cannot read a BigInteger (it casts to decimal and throws), so such a number stays a double.
        return new JValue(approximate);
    }

    public static string Excerpt(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
