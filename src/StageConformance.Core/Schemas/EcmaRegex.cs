using System.Text;
using System.Text.Json.Nodes;

namespace StageConformance.Schemas;

/// <summary>
/// JSON Schema patterns are ECMA-262 regular expressions, where <c>$</c> (without the multiline flag) matches at the
/// very end only. JsonSchema.Net compiles patterns as .NET ECMAScript regexes, whose <c>$</c> also matches before a
/// final "\n", so "abc\n" would pass <c>^[a-z]+$</c> (measured on 7.4.0). The patterns it is given have that
/// <c>$</c> written as <c>\z</c>; everything else is the library's.
/// </summary>
internal static class EcmaRegex
{
    /// <summary>A copy of <paramref name="schema"/> whose <c>pattern</c> values and <c>patternProperties</c> names end-anchor strictly.</summary>
    public static JsonNode? StrictEndAnchors(JsonNode? schema)
    {
        switch (schema)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (keyword, value) in obj)
                {
                    if (SchemaKeywords.IsAnnotation(keyword))
                    {
                        copy[keyword] = value?.DeepClone();
                    }
                    else if (keyword == "pattern" && value is JsonValue pattern && pattern.TryGetValue<string>(out var text))
                    {
                        copy[keyword] = Translate(text);
                    }
                    else if (keyword == "patternProperties" && value is JsonObject patterns)
                    {
                        var translated = new JsonObject();
                        foreach (var (name, subschema) in patterns)
                        {
                            translated[Translate(name)] = StrictEndAnchors(subschema);
                        }

                        copy[keyword] = translated;
                    }
                    else if (SchemaKeywords.HoldsSchemaMap(keyword) && value is JsonObject map)
                    {
                        copy[keyword] = new JsonObject(map.Select(member => KeyValuePair.Create(member.Key, StrictEndAnchors(member.Value))));
                    }
                    else if (SchemaKeywords.HoldsSchemaArray(keyword) && value is JsonArray array)
                    {
                        copy[keyword] = new JsonArray(array.Select(StrictEndAnchors).ToArray());
                    }
                    else if (SchemaKeywords.HoldsSchema(keyword))
                    {
                        copy[keyword] = StrictEndAnchors(value);
                    }
                    else
                    {
                        copy[keyword] = value?.DeepClone();
                    }
                }

                return copy;
            default:
                return schema?.DeepClone();
        }
    }

    /// <summary>Rewrites every unescaped <c>$</c> outside a character class to <c>\z</c>.</summary>
    public static string Translate(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                result.Append(@"\z");
                continue;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
