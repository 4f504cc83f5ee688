using System.Globalization;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StageConformance.Schemas;

namespace StageConformance.Generation;

/// <summary>
/// Everything the checks derive from a request schema: valid requests (FsCheck generators),
/// boundary cases and single-constraint violations. Reads only schemas/; knows no member by name.
/// A keyword it cannot generate cases for is refused when the schema loads.
/// </summary>
public sealed class RequestModel
{
    private const int GeneratedStringCap = 12;

    private static readonly HashSet<string> ValueKeywords =
    [
        "type", "properties", "required", "allOf", "minLength", "maxLength", "pattern", "enum", "minimum", "maximum",
        "not", "propertyNames", "additionalProperties", "dependentRequired", "if", "then",
    ];

    private readonly List<Probe> probes = [];
    private readonly List<Conditional> conditionals = [];

    private RequestModel(JsonObject schema)
    {
        RequireKnownKeywords(schema, "");
        Root = new SchemaNode(schema, null);
        IdentityMember = Root.Properties.Where(p => p.Schema.IsIdentity).Select(p => p.Name).SingleOrDefault()
            ?? throw new InvalidDataException("the request schema marks no member with x-identity");
        CollectProbes(Root, []);
        var duplicate = probes.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"two probes share the id '{duplicate.Key}'");
        }
    }

    public SchemaNode Root { get; }

    public string IdentityMember { get; }

    public SchemaNode IdentitySchema => Root.Properties.Single(p => p.Name == IdentityMember).Schema;

    /// <summary>A free-text member the service shows back (x-marker): checks write markers into it to tell two requests apart.</summary>
    public string MarkerMember =>
        Root.Properties.Where(p => p.Schema.IsMarker).Select(p => p.Name).SingleOrDefault()
        ?? throw new InvalidDataException("the request schema marks no member with x-marker");

    /// <summary>Rules between members (dependentRequired, if/then), each with the path of the object it constrains.</summary>
    public IReadOnlyList<Conditional> Conditionals => conditionals;

    public IReadOnlyList<Probe> Probes => probes;

    public static RequestModel Load(string schemaPath) => new(JsonNode.Parse(File.ReadAllText(schemaPath))!.AsObject());

    public static RequestModel Parse(string schemaJson) => new(JsonNode.Parse(schemaJson)!.AsObject());

    /// <summary>The smallest valid request: required members only, each at its simplest valid value.</summary>
    public JsonObject Minimal(IReferenceValues references) => MinimalObject(Root, references);

    /// <summary>Random valid requests: required members plus a random subset of the optional ones.</summary>
    public Arbitrary<JsonObject> Valid(IReferenceValues references) =>
        Arb.From(ObjectGen(Root, references), body => ShrinkObject(body, Root));

    /// <summary>
    /// Random valid requests paired with one violation; the violation is applied when the case runs,
    /// so shrinking the valid part can never shrink the violation away.
    /// </summary>
    public Arbitrary<(JsonObject Body, Probe Probe)> ValidWithViolation(IReferenceValues references, IReadOnlyList<Probe> violations) =>
        Arb.From(
            from body in ObjectGen(Root, references)
            from probe in Gen.Elements(violations.ToArray())
            select (body, probe),
            pair => ShrinkObject(pair.Item1, Root).Select(smaller => (smaller, pair.Item2)));

    /// <summary>
    /// Smaller valid requests: one optional member or one map entry dropped at a time, never a
    /// required one, so every shrunk case is still valid and the counterexample stays readable.
    /// </summary>
    private static IEnumerable<JsonObject> ShrinkObject(JsonObject body, SchemaNode schema)
    {
        var keep = schema.Required.Select(r => r.Name).Concat(schema.GenerateAlways).ToHashSet(StringComparer.Ordinal);
        var local = Conditional.In(schema, []);
        foreach (var (name, value) in body.ToList())
        {
            if (!keep.Contains(name))
            {
                var without = (JsonObject)body.DeepClone();
                without.Remove(name);
                yield return Untriggered(without, local);
            }

            if (value is not JsonObject inner || inner.Count == 0)
            {
                continue;
            }

            var member = schema.Properties.FirstOrDefault(p => p.Name == name).Schema;
            var smallerInner = member is null || member.IsMap
                ? inner.Select(entry => { var copy = (JsonObject)inner.DeepClone(); copy.Remove(entry.Key); return copy; })
                : ShrinkObject(inner, member);
            foreach (var smaller in smallerInner)
            {
                var copy = (JsonObject)body.DeepClone();
                copy[name] = smaller;
                yield return copy;
            }
        }
    }

    private Gen<JsonObject> ObjectGen(SchemaNode node, IReferenceValues references)
    {
        var required = node.Required.Select(r => r.Name).Concat(node.GenerateAlways).ToHashSet(StringComparer.Ordinal);
        var members = node.Properties
            .Where(p => !p.Schema.OmitWhenGenerating)
            .Select(p =>
            {
                // Generators hand out shared instances (enum values, constants); a JsonNode can have one parent only.
                var value = ValueGen(p.Schema, references).Select(v => new Member(p.Name, v.DeepClone()));
                return required.Contains(p.Name)
                    ? value
                    : Gen.Frequency((1, Gen.Constant(new Member(p.Name, null))), (1, value));
            })
            .ToArray();
        var objects = Gen.CollectToArray(members).Select(list =>
        {
            var result = new JsonObject();
            foreach (var member in list)
            {
                if (member.Value is not null)
                {
                    result[member.Name] = member.Value;
                }
            }

            return result;
        });
        var local = Conditional.In(node, []);
        return local.Count == 0 ? objects : objects.Select(o => SettleObject(o, local, probedMember: null, except: null, references));
    }

    private sealed record Member(string Name, JsonNode? Value);

    private Gen<JsonNode> ValueGen(SchemaNode node, IReferenceValues references)
    {
        if (node.GenerateValues.Count > 0)
        {
            return Gen.Elements(node.GenerateValues.Select(v => v!.DeepClone()).ToArray());
        }

        if (node.References is { } reference)
        {
            return Gen.Constant<JsonNode>(JsonValue.Create(references.Existing(reference.Resource)));
        }

        if (node.Enum.Count > 0)
        {
            return Gen.Elements(node.Enum.Select(v => v!.DeepClone()).ToArray());
        }

        switch (node.Type)
        {
            case "string":
                return StringGen(node).Select(s => (JsonNode)JsonValue.Create(s));
            case "boolean":
                return Gen.Elements(true, false).Select(b => (JsonNode)JsonValue.Create(b));
            case "number":
            case "integer":
                var low = (int)Math.Ceiling(node.Number("minimum") ?? 0);
                var high = (int)Math.Floor(node.Number("maximum") ?? 1000);
                return Gen.Choose(low, high).Select(n => (JsonNode)JsonValue.Create(n));
            case "object" when node.IsMap:
                return MapGen(node);
            case "object":
                return ObjectGen(node, references).Select(o => (JsonNode)o);
            default:
                throw new InvalidDataException($"no generator for type '{node.Type}' in {node.Json.ToJsonString()}");
        }
    }

    private static Gen<string> StringGen(SchemaNode node)
    {
        var alphabet = node.Alphabet(forGeneration: true) ?? new CharacterClass("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ", 0);
        var min = Math.Max(node.Int("minLength") ?? 0, Math.Max(alphabet.MinimumLength, 1));
        var max = Math.Min(node.Int("maxLength") ?? GeneratedStringCap, GeneratedStringCap);
        var prefix = node.ForbiddenPrefix;
        return from length in Gen.Choose(min, Math.Max(min, max))
               from chars in Gen.ArrayOf(Gen.Elements(alphabet.Alphabet.ToCharArray()), length)
               let text = new string(chars)
               where prefix is null || !text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
               select text;
    }

    private Gen<JsonNode> MapGen(SchemaNode node)
    {
        var keySchema = node.Child("propertyNames") ?? new SchemaNode(new JsonObject { ["x-generate-pattern"] = node.String("x-generate-names") ?? "^[A-Za-z0-9_]+$" }, node);
        var valueSchema = node.Child("additionalProperties") ?? new SchemaNode(new JsonObject { ["type"] = "string" }, node);
        var entry = from key in StringGen(keySchema)
                    from value in StringGen(valueSchema)
                    select (key, value);
        return from count in Gen.Choose(0, node.GenerateMaxProperties)
               from entries in Gen.ListOf(entry, count)
               select (JsonNode)new JsonObject(entries
                   .GroupBy(e => e.key, StringComparer.Ordinal)
                   .Select(g => new KeyValuePair<string, JsonNode?>(g.Key, JsonValue.Create(g.First().value))));
    }

    private JsonObject MinimalObject(SchemaNode node, IReferenceValues references)
    {
        var result = new JsonObject();
        foreach (var name in node.Required.Select(r => r.Name).Concat(node.GenerateAlways).Distinct())
        {
            var member = node.Properties.First(p => p.Name == name).Schema;
            result[name] = MinimalValue(member, references);
        }

        return result;
    }

    private JsonNode MinimalValue(SchemaNode node, IReferenceValues references)
    {
        if (node.References is { } reference)
        {
            return JsonValue.Create(references.Existing(reference.Resource));
        }

        if (node.GenerateValues.Count > 0)
        {
            return node.GenerateValues[0]!.DeepClone();
        }

        if (node.Enum.Count > 0)
        {
            return node.Enum[0]!.DeepClone();
        }

        return node.Type switch
        {
            "string" => JsonValue.Create(MinimalString(node)),
            "boolean" => JsonValue.Create(false),
            "number" or "integer" => JsonValue.Create(node.Number("minimum") ?? 0),
            "object" when node.IsMap => new JsonObject(),
            "object" => MinimalObject(node, references),
            _ => throw new InvalidDataException($"no minimal value for type '{node.Type}'"),
        };
    }

    private static string MinimalString(SchemaNode node)
    {
        var alphabet = node.Alphabet(forGeneration: true) ?? new CharacterClass("abcdefghijklmnopqrstuvwxyz", 0);
        return alphabet.Fill(Math.Max(1, Math.Max(node.Int("minLength") ?? 1, 4)));
    }

    // ---- probes: boundaries and single-constraint violations, derived keyword by keyword ----

    private void CollectProbes(SchemaNode node, string[] path)
    {
        var local = Conditional.In(node, path);
        conditionals.AddRange(local);
        foreach (var (name, requirement) in node.Required)
        {
            var target = path.Append(name).ToArray();
            Add(requirement, target, "missing", "rejected", Expectation.Rejected, pinsIdentity: name == IdentityMember && path.Length == 0,
                (body, _) => Remove(body, target));
        }

        foreach (var (name, member) in node.Properties)
        {
            var memberPath = path.Append(name).ToArray();
            CollectMemberProbes(member, memberPath);
            if (member.Type == "object" && !member.IsMap)
            {
                CollectProbes(member, memberPath);
            }
        }

        foreach (var conditional in local)
        {
            CollectConditionalProbes(conditional);
        }
    }

    /// <summary>
    /// The generator for dependentRequired and if/then: with the triggers set, each consequence met is
    /// accepted; each consequence broken alone (member missing, or the other boolean) is rejected.
    /// </summary>
    private void CollectConditionalProbes(Conditional conditional)
    {
        var path = conditional.Path.ToArray();
        foreach (var consequence in conditional.Consequences)
        {
            var memberPath = path.Append(consequence.Member).ToArray();
            var when = $"while {conditional.TriggerText} is set";
            Add(conditional.Requirement, memberPath, conditional.Keyword, $"{consequence.Const?.ToJsonString() ?? "present"} {when}", Expectation.Accepted, false,
                (body, refs) => Within(body, path, refs, o => TriggerAndSatisfy(o, conditional, refs)), conditional);
            if (consequence.Required)
            {
                Add(conditional.Requirement, memberPath, conditional.Keyword, $"missing {when}", Expectation.Rejected, false,
                    (body, refs) => Within(body, path, refs, o => TriggerAndSatisfy(o, conditional, refs).Remove(consequence.Member)), conditional);
            }

            if (consequence.Const is { } constant)
            {
                var other = JsonValue.Create(!constant.GetValue<bool>());
                Add(conditional.Requirement, memberPath, conditional.Keyword, $"{other.ToJsonString()} {when}", Expectation.Rejected, false,
                    (body, refs) => Within(body, path, refs, o => TriggerAndSatisfy(o, conditional, refs)[consequence.Member] = other.DeepClone()), conditional);
            }
        }
    }

    /// <summary>Sets the conditional's triggers (where absent) and meets its consequences.</summary>
    private JsonObject TriggerAndSatisfy(JsonObject instance, Conditional conditional, IReferenceValues references)
    {
        foreach (var trigger in conditional.Triggers.Where(t => !instance.ContainsKey(t)))
        {
            instance[trigger] = MinimalValue(conditional.MemberSchema(trigger), references);
        }

        return Satisfy(instance, conditional, references);
    }

    private JsonObject Satisfy(JsonObject instance, Conditional conditional, IReferenceValues references)
    {
        foreach (var consequence in conditional.Consequences.Where(c => !conditional.Holds(c, instance)))
        {
            instance[consequence.Member] = consequence.Const?.DeepClone() ?? MinimalValue(conditional.MemberSchema(consequence.Member), references);
        }

        return instance;
    }

    /// <summary>
    /// Brings an object back under its conditionals after one member was set: a rule the probed member
    /// triggers is met, a rule whose consequence the probed member is loses its triggers, so the only
    /// constraint broken is the one probed (<paramref name="except"/>, when the probe is a conditional's).
    /// </summary>
    private JsonObject SettleObject(JsonObject instance, IReadOnlyList<Conditional> local, string? probedMember, Conditional? except, IReferenceValues references)
    {
        for (var round = 0; round <= local.Count; round++)
        {
            var pending = local.Where(c => !ReferenceEquals(c, except) && c.Triggered(instance) && !c.Satisfied(instance)).ToList();
            if (pending.Count == 0)
            {
                return instance;
            }

            foreach (var conditional in pending)
            {
                if (probedMember is not null && conditional.Consequences.Any(c => c.Member == probedMember))
                {
                    RemoveTriggers(instance, conditional);
                }
                else
                {
                    Satisfy(instance, conditional, references);
                }
            }
        }

        throw new InvalidDataException("the conditionals of the request schema contradict each other: no value satisfies them all");
    }

    /// <summary>Drops the triggers of every conditional no longer met, so a smaller request stays valid.</summary>
    private static JsonObject Untriggered(JsonObject instance, IReadOnlyList<Conditional> local)
    {
        while (local.FirstOrDefault(c => c.Triggered(instance) && !c.Satisfied(instance)) is { } broken)
        {
            RemoveTriggers(instance, broken);
        }

        return instance;
    }

    private static void RemoveTriggers(JsonObject instance, Conditional conditional)
    {
        foreach (var trigger in conditional.Triggers)
        {
            instance.Remove(trigger);
        }
    }

    private JsonObject Settle(JsonObject body, string[] probedPath, Conditional? except, IReferenceValues references)
    {
        foreach (var group in conditionals.GroupBy(c => string.Join('/', c.Path)))
        {
            var path = group.First().Path;
            if (Navigate(body, path) is { } instance)
            {
                var probedMember = probedPath.Length == path.Count + 1 && probedPath.Take(path.Count).SequenceEqual(path) ? probedPath[^1] : null;
                SettleObject(instance, group.ToList(), probedMember, except, references);
            }
        }

        return body;
    }

    private static JsonObject? Navigate(JsonObject body, IReadOnlyList<string> path)
    {
        var node = body;
        foreach (var name in path)
        {
            if (node[name] is not JsonObject child)
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private JsonObject Within(JsonObject body, string[] path, IReferenceValues references, Action<JsonObject> change)
    {
        if (Navigate(body, path) is null)
        {
            Set(body, path, MinimalObject(SchemaAt(path), references), references);
        }

        change(Navigate(body, path)!);
        return body;
    }

    private SchemaNode SchemaAt(IEnumerable<string> path) =>
        path.Aggregate(Root, (node, name) => node.Properties.First(p => p.Name == name).Schema);

    private void CollectMemberProbes(SchemaNode node, string[] path)
    {
        var pins = path.Length == 1 && path[0] == IdentityMember;
        if (node.Type is { } type)
        {
            var wrong = WrongType(type);
            Add(node.RequirementFor("type"), path, "type", $"sent as {wrong.ToJsonString()}", Expectation.Rejected, pins,
                (body, refs) => Set(body, path, wrong.DeepClone(), refs));
        }

        if (node.References is { } reference)
        {
            Add(reference.Requirement, path, "reference", $"names no {reference.Resource}", Expectation.Rejected, pins,
                (body, refs) => Set(body, path, JsonValue.Create(refs.Missing(reference.Resource)), refs));
        }

        if (node.IsMap)
        {
            CollectMapProbes(node, path);
            return;
        }

        foreach (var (label, expectation, value) in ScalarProbes(node))
        {
            Add(value.Requirement, path, value.Keyword, label, expectation, pins,
                (body, refs) => Set(body, path, value.Make(), refs));
        }
    }

    private void CollectMapProbes(SchemaNode node, string[] path)
    {
        var keySchema = node.Child("propertyNames");
        var valueSchema = node.Child("additionalProperties");
        var validKey = keySchema is null ? "k1" : MinimalString(keySchema);
        var validValue = valueSchema is null ? "v1" : MinimalString(valueSchema);
        if (keySchema is not null)
        {
            foreach (var (label, expectation, key) in ScalarProbes(keySchema))
            {
                Add(key.Requirement, path, "key-" + key.Keyword, "key " + label, expectation, false,
                    (body, refs) => Set(body, path, new JsonObject { [key.Make()!.GetValue<string>()] = validValue }, refs));
            }
        }

        if (valueSchema is not null)
        {
            if (valueSchema.Type is { } valueType)
            {
                var wrong = WrongType(valueType);
                Add(valueSchema.RequirementFor("type"), path, "value-type", $"value sent as {wrong.ToJsonString()}", Expectation.Rejected, false,
                    (body, refs) => Set(body, path, new JsonObject { [validKey] = wrong.DeepClone() }, refs));
            }

            foreach (var (label, expectation, value) in ScalarProbes(valueSchema))
            {
                Add(value.Requirement, path, "value-" + value.Keyword, "value " + label, expectation, false,
                    (body, refs) => Set(body, path, new JsonObject { [validKey] = value.Make() }, refs));
            }
        }
    }

    private sealed record ProbeValue(string Keyword, string Requirement, Func<JsonNode?> Make);

    /// <summary>The generator per keyword: each yields accepted boundary values and rejected neighbours.</summary>
    private static IEnumerable<(string Label, Expectation Expectation, ProbeValue Value)> ScalarProbes(SchemaNode node)
    {
        var alphabet = node.Alphabet(forGeneration: true);
        var fill = alphabet ?? new CharacterClass("abcdefghijklmnopqrstuvwxyz", 0);
        if (node.Int("minLength") is { } min)
        {
            var requirement = node.RequirementFor("minLength");
            yield return ($"length {min} (the minimum)", Expectation.Accepted, new("minLength", requirement, () => JsonValue.Create(fill.Fill(min))));
            if (min > 0)
            {
                yield return ($"length {min - 1} (below the minimum)", Expectation.Rejected, new("minLength", requirement, () => JsonValue.Create(fill.Fill(min - 1))));
            }
        }

        if (node.Int("maxLength") is { } max)
        {
            var requirement = node.RequirementFor("maxLength");
            yield return ($"length {max} (the maximum)", Expectation.Accepted, new("maxLength", requirement, () => JsonValue.Create(fill.Fill(max))));
            yield return ($"length {max + 1} (above the maximum)", Expectation.Rejected, new("maxLength", requirement, () => JsonValue.Create(fill.Fill(max + 1))));
        }

        var pattern = node.Alphabet(forGeneration: false);
        if (pattern is not null)
        {
            var requirement = node.RequirementFor("pattern");
            var length = Math.Max(4, pattern.MinimumLength);
            if (pattern.Specials.Length > 0)
            {
                var edge = fill.Fill(1) + pattern.Specials + fill.Fill(1);
                yield return ($"'{edge}' (every allowed symbol)", Expectation.Accepted, new("pattern", requirement, () => JsonValue.Create(edge)));
            }

            var broken = fill.Fill(length / 2) + pattern.Outsider + fill.Fill(length - (length / 2));
            yield return ($"'{broken}' (a character outside the class)", Expectation.Rejected, new("pattern", requirement, () => JsonValue.Create(broken)));
            if (pattern.MinimumLength > 0 && node.Int("minLength") is null)
            {
                yield return ("'' (empty)", Expectation.Rejected, new("pattern", requirement, () => JsonValue.Create(string.Empty)));
            }
        }

        if (node.ForbiddenPrefix is { } prefix)
        {
            var requirement = node.RequirementFor("not");
            var value = prefix + fill.Fill(3);
            yield return ($"'{value}' (forbidden prefix)", Expectation.Rejected, new("not", requirement, () => JsonValue.Create(value)));
        }

        if (node.Enum.Count > 0)
        {
            var requirement = node.RequirementFor("enum");
            var values = node.Enum.Select(v => v!.GetValue<string>()).ToList();
            foreach (var value in values)
            {
                yield return ($"'{value}' (a listed value)", Expectation.Accepted, new("enum", requirement, () => JsonValue.Create(value)));
                var neighbour = Neighbour(value, values);
                yield return ($"'{neighbour}' (next to '{value}', not listed)", Expectation.Rejected, new("enum", requirement, () => JsonValue.Create(neighbour)));
            }
        }

        foreach (var (keyword, step) in new[] { ("minimum", -1), ("maximum", 1) })
        {
            if (node.Number(keyword) is { } limit)
            {
                var requirement = node.RequirementFor(keyword);
                var outside = limit + step;
                yield return ($"{Format(limit)} (the {keyword})", Expectation.Accepted, new(keyword, requirement, () => JsonValue.Create(limit)));
                yield return ($"{Format(outside)} (beyond the {keyword})", Expectation.Rejected, new(keyword, requirement, () => JsonValue.Create(outside)));
            }
        }
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The value with its last character moved one step up, skipping listed values.</summary>
    private static string Neighbour(string value, IReadOnlyCollection<string> listed)
    {
        var candidate = value;
        do
        {
            var last = candidate[^1];
            candidate = candidate[..^1] + (char)(last == '9' ? '0' : last + 1);
        }
        while (listed.Contains(candidate) || candidate == value);
        return candidate;
    }

    /// <summary>
    /// A value of another JSON type that lenient parsers do not coerce (docs/DECISIONS.md D7):
    /// a boolean for strings, a non-boolean word for booleans, a word for numbers, a word for objects,
    /// unless the schema's x-wrong-type-values names another one for the type.
    /// </summary>
    private JsonNode WrongType(string type) =>
        Root.Json["x-wrong-type-values"]?[type]?.DeepClone() ?? DefaultWrongType(type);

    private static JsonNode DefaultWrongType(string type) => type switch
    {
        "string" => JsonValue.Create(true),
        "boolean" => JsonValue.Create("notaboolean"),
        "number" or "integer" => JsonValue.Create("notanumber"),
        "object" => JsonValue.Create("notanobject"),
        "array" => JsonValue.Create("notanarray"),
        _ => throw new InvalidDataException($"no wrong-type value for type '{type}'"),
    };

    private void Add(
        string requirement, string[] path, string keyword, string label, Expectation expectation, bool pinsIdentity,
        Func<JsonObject, IReferenceValues, JsonObject> apply, Conditional? probed = null)
    {
        var verdict = expectation == Expectation.Accepted ? "accepted" : "rejected";
        var id = $"{requirement}/{string.Join('.', path)}/{keyword}:{Slug(label)}";
        probes.Add(new Probe(id, requirement, $"{string.Join('.', path)} {label} is {verdict}", expectation, pinsIdentity,
            (body, refs) => Settle(apply(body, refs), path, probed, refs)));
    }

    /// <summary>Every keyword must be one the generators derive cases from; annotations (x-*, $comment, ...) aside.</summary>
    private static void RequireKnownKeywords(JsonObject schema, string pointer)
    {
        foreach (var (keyword, value) in schema)
        {
            if (SchemaKeywords.IsAnnotation(keyword))
            {
                continue;
            }

            if (!ValueKeywords.Contains(keyword))
            {
                throw new InvalidDataException($"request schema {pointer}/{keyword}: the generators derive no cases from '{keyword}'; teach RequestModel the keyword before using it");
            }

            switch (keyword)
            {
                case "properties":
                    foreach (var (name, member) in value!.AsObject())
                    {
                        RequireKnownKeywords(member!.AsObject(), $"{pointer}/properties/{name}");
                    }

                    break;
                case "propertyNames" or "additionalProperties" when value is JsonObject child:
                    RequireKnownKeywords(child, $"{pointer}/{keyword}");
                    break;
                case "not" when value is JsonObject not && not.Any(p => p.Key != "pattern" && !SchemaKeywords.IsAnnotation(p.Key)):
                    throw new InvalidDataException($"request schema {pointer}/not: the generators support only 'not: {{\"pattern\": \"^prefix\"}}'");
            }
        }
    }

    private static string Slug(string label)
    {
        var text = label.Length > 40 ? label[..40] : label;
        return new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
    }

    private JsonObject Set(JsonObject body, string[] path, JsonNode? value, IReferenceValues references)
    {
        var node = body;
        var schema = Root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            schema = schema.Properties.First(p => p.Name == path[i]).Schema;
            if (node[path[i]] is not JsonObject child)
            {
                child = MinimalObject(schema, references);
                node[path[i]] = child;
            }

            node = child;
        }

        node[path[^1]] = value;
        return body;
    }

    private static JsonObject Remove(JsonObject body, string[] path)
    {
        var node = body;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
            {
                return body;
            }

            node = child;
        }

        node.Remove(path[^1]);
        return body;
    }
}
