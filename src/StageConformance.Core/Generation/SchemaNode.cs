using System.Text.Json.Nodes;

namespace StageConformance.Generation;

/// <summary>Read access to one node of a request schema, with the project's x- annotations.</summary>
public sealed class SchemaNode(JsonObject json, SchemaNode? parent)
{
    /// <summary>The node's keywords; a <c>{"$ref": "#/$defs/name"}</c> node reads as the definition it names.</summary>
    public JsonObject Json { get; } = Resolve(json, parent);

    public SchemaNode? Parent { get; } = parent;

    public string? Type => Json["type"]?.GetValue<string>();

    public int? Int(string keyword) => Json[keyword]?.GetValue<int>();

    public double? Number(string keyword) => Json[keyword]?.GetValue<double>();

    public string? String(string keyword) => Json[keyword]?.GetValue<string>();

    public SchemaNode? Child(string keyword) => Json[keyword] is JsonObject o ? new SchemaNode(o, this) : null;

    public IEnumerable<(string Name, SchemaNode Schema)> Properties =>
        Json["properties"] is JsonObject props
            ? props.Select(p => (p.Key, new SchemaNode(p.Value!.AsObject(), this)))
            : [];

    public IEnumerable<(string Name, string Requirement)> Required
    {
        get
        {
            foreach (var name in Json["required"]?.AsArray() ?? [])
            {
                yield return (name!.GetValue<string>(), RequirementFor("required"));
            }

            foreach (var item in Json["allOf"]?.AsArray() ?? [])
            {
                var sub = new SchemaNode(item!.AsObject(), this);
                foreach (var name in sub.Json["required"]?.AsArray() ?? [])
                {
                    yield return (name!.GetValue<string>(), sub.RequirementFor("required"));
                }
            }
        }
    }

    public IReadOnlyList<JsonNode?> Enum => Json["enum"]?.AsArray().ToList() ?? [];

    public JsonNode? Const => Json["const"];

    /// <summary>The alternatives of an <c>anyOf</c>, each read with this node as its parent.</summary>
    public IReadOnlyList<SchemaNode> AnyOf =>
        Json["anyOf"]?.AsArray().Select(b => new SchemaNode(b!.AsObject(), this)).ToList() ?? [];

    /// <summary>
    /// This node with one <c>anyOf</c> alternative's keywords in place of the <c>anyOf</c>: what a
    /// value drawn from that alternative must satisfy.
    /// </summary>
    public SchemaNode With(SchemaNode branch)
    {
        var merged = (JsonObject)Json.DeepClone();
        merged.Remove("anyOf");
        foreach (var (keyword, value) in branch.Json)
        {
            merged[keyword] = value?.DeepClone();
        }

        return new SchemaNode(merged, Parent);
    }

    /// <summary>The first alternative valid values are generated from (anyOf branches marked x-generate-omit are probed, never generated).</summary>
    public SchemaNode Generatable =>
        AnyOf.Count == 0 ? this
        : AnyOf.FirstOrDefault(b => !b.OmitWhenGenerating) is { } branch ? With(branch)
        : throw new InvalidDataException($"every anyOf alternative of {Json.ToJsonString()} is marked x-generate-omit: no valid value can be generated");

    /// <summary>x-parent: the kind of parent resource a request carrying this member must be sent under.</summary>
    public string? RequiredParent => String("x-parent");

    /// <summary>x-generate-keys: the map keys valid requests use (keys that name provisioned resources).</summary>
    public IReadOnlyList<string> GenerateKeys => Json["x-generate-keys"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    public bool IsMap => Type == "object" && Json["properties"] is null && (Json["additionalProperties"] is JsonObject || Json["propertyNames"] is JsonObject);

    public bool IsIdentity => Json["x-identity"]?.GetValue<bool>() == true;

    public bool IsMarker => Json["x-marker"]?.GetValue<bool>() == true;

    public (string Resource, string Requirement)? References =>
        Json["x-references"] is JsonObject r ? (r["resource"]!.GetValue<string>(), r["requirement"]!.GetValue<string>()) : null;

    public bool OmitWhenGenerating => Json["x-generate-omit"] is not null;

    /// <summary>
    /// x-probe-accepted: the listed enum values a boundary probe may send as accepted (default: all). A value left
    /// out is valid but needs something of the account the suite cannot see (docs/DECISIONS.md V13).
    /// </summary>
    public IReadOnlyList<string>? ProbeAccepted => Json["x-probe-accepted"]?.AsArray().Select(n => n!.GetValue<string>()).ToList();

    public IReadOnlyList<JsonNode?> GenerateValues => Json["x-generate-values"]?.AsArray().ToList() ?? [];

    public IReadOnlyList<string> GenerateAlways => Json["x-generate-always"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    public int GenerateMaxProperties => Json["x-generate-maxProperties"]?.GetValue<int>() ?? 3;

    /// <summary>The requirement a keyword of this node belongs to: x-requirements[keyword], else the nearest x-requirement up the tree.</summary>
    public string RequirementFor(string keyword)
    {
        if (Json["x-requirements"] is JsonObject map && map[keyword] is JsonValue v)
        {
            return v.GetValue<string>();
        }

        for (var node = this; node is not null; node = node.Parent)
        {
            if (node.Json["x-requirement"] is JsonValue r)
            {
                return r.GetValue<string>();
            }
        }

        throw new InvalidDataException($"schema node {Json.ToJsonString()} has no x-requirement for keyword '{keyword}'");
    }

    /// <summary>The character class of this node's pattern (or its x-generate-pattern hint), if any.</summary>
    public CharacterClass? Alphabet(bool forGeneration)
    {
        var pattern = String("pattern") ?? (forGeneration ? String("x-generate-pattern") : null);
        if (pattern is null)
        {
            return null;
        }

        return CharacterClass.TryParse(pattern, out var parsed)
            ? parsed!.WithoutDisputed(String("x-disputed-characters") ?? "")
            : throw new InvalidDataException($"pattern '{pattern}' is not of the form ^[class]+$ or ^[class]*$, the only form the generators support");
    }

    /// <summary>
    /// The prefix forbidden by "not": {"pattern": "^literal"}, lower-cased when every letter is written as a
    /// two-case class such as [aA] (the prefix is then refused in any letter case, <see cref="ForbiddenPrefixIgnoresCase"/>).
    /// </summary>
    public string? ForbiddenPrefix => ParseForbiddenPrefix()?.Prefix;

    public bool ForbiddenPrefixIgnoresCase => ParseForbiddenPrefix()?.IgnoresCase ?? false;

    private (string Prefix, bool IgnoresCase)? ParseForbiddenPrefix()
    {
        var pattern = Child("not")?.String("pattern");
        if (pattern is null)
        {
            return null;
        }

        var literal = new System.Text.StringBuilder();
        var classes = 0;
        var letters = 0;
        for (var i = 1; pattern.StartsWith('^') && i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '[' && i + 3 < pattern.Length && pattern[i + 3] == ']' && char.ToLowerInvariant(pattern[i + 1]) == char.ToLowerInvariant(pattern[i + 2])
                && char.IsLetter(pattern[i + 1]) && pattern[i + 1] != pattern[i + 2])
            {
                literal.Append(char.ToLowerInvariant(pattern[i + 1]));
                classes++;
                letters++;
                i += 3;
            }
            else if (char.IsLetterOrDigit(c) || c == ':' || c == '-' || c == '_')
            {
                literal.Append(c);
                letters += char.IsLetter(c) ? 1 : 0;
            }
            else
            {
                literal.Clear();
                break;
            }
        }

        return literal.Length > 0 && (classes == 0 || classes == letters)
            ? (literal.ToString(), classes > 0)
            : throw new InvalidDataException(
                $"not.pattern '{pattern}' is not an anchored literal prefix (letters either all literal or all as [xX] classes), the only form the generators support");
    }

    private static JsonObject Resolve(JsonObject json, SchemaNode? parent)
    {
        if (json["$ref"] is not JsonValue reference)
        {
            return json;
        }

        const string prefix = "#/$defs/";
        var target = reference.GetValue<string>();
        var siblings = json.Select(p => p.Key).Where(k => k != "$ref" && k != "$comment").ToList();
        if (!target.StartsWith(prefix, StringComparison.Ordinal) || siblings.Count > 0)
        {
            throw new InvalidDataException(
                $"$ref '{target}' beside [{string.Join(", ", siblings)}]: the generators support only a lone $ref to #/$defs/<name>");
        }

        var root = parent;
        while (root?.Parent is not null)
        {
            root = root.Parent;
        }

        return root?.Json["$defs"]?[target[prefix.Length..]] as JsonObject
            ?? throw new InvalidDataException($"$ref '{target}' names no definition under $defs");
    }
}
