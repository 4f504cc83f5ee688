using System.Collections.Frozen;
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

    private readonly List<Probe> probes = [];
    private readonly List<Conditional> conditionals = [];

    /// <summary>Probes the schema cannot judge: whether a referenced resource exists is known only to the target.</summary>
    private readonly HashSet<string> referenceProbes = new(StringComparer.Ordinal);

    private RequestModel(JsonObject schema)
    {
        RequireUnderstoodKeywords(schema, "#", inAnyOf: false);
        Root = new SchemaNode(schema, null);
        IdentityMember = Root.Properties.Where(p => p.Schema.IsIdentity).Select(p => p.Name).SingleOrDefault()
            ?? throw new InvalidDataException("the request schema marks no member with x-identity");
        CollectProbes(Root, []);
        var duplicate = probes.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"two probes share the id '{duplicate.Key}'");
        }

        ProveProbesAgainst(SchemaValidator.Parse(schema.ToJsonString()));
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

    /// <summary>Constant values of the identity member (such as "$default"): the value under test, never rewritten to a unique name.</summary>
    public IReadOnlySet<string> IdentityConstants =>
        new[] { IdentitySchema }.Concat(IdentitySchema.AnyOf)
            .Select(n => n.Const).OfType<JsonValue>().Select(v => v.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The parent kinds (x-parent) the members present in a request require, for example a WebSocket
    /// API for a member HTTP APIs refuse. Empty: the dialect's default parent.
    /// </summary>
    public IReadOnlySet<string> ParentsRequiredBy(JsonObject body)
    {
        var parents = new HashSet<string>(StringComparer.Ordinal);
        CollectParents(body, Root, parents);
        return parents;
    }

    private static void CollectParents(JsonObject body, SchemaNode schema, HashSet<string> parents)
    {
        foreach (var (name, value) in body)
        {
            var member = schema.IsMap ? schema.Child("additionalProperties") : schema.Properties.FirstOrDefault(p => p.Name == name).Schema;
            if (member is null)
            {
                continue;
            }

            if (member.RequiredParent is { } parent)
            {
                parents.Add(parent);
            }

            if (value is JsonObject inner && member.Type == "object")
            {
                CollectParents(inner, member, parents);
            }
        }
    }

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

        if (node.Const is { } constant)
        {
            return Gen.Constant(constant.DeepClone());
        }

        if (node.AnyOf.Count > 0)
        {
            return Gen.OneOf(node.AnyOf.Where(b => !b.OmitWhenGenerating).Select(b => ValueGen(node.With(b), references)).ToArray());
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
                return MapGen(node, references);
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

    private Gen<JsonNode> MapGen(SchemaNode node, IReferenceValues references)
    {
        if (node.Child("additionalProperties") is { Type: "object" } objectValues)
        {
            return ObjectMapGen(node, objectValues, references);
        }

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

    /// <summary>A map whose values are objects, keyed by x-generate-keys (keys that must name something the suite provisions).</summary>
    private Gen<JsonNode> ObjectMapGen(SchemaNode node, SchemaNode valueSchema, IReferenceValues references)
    {
        var keys = node.GenerateKeys.Count > 0
            ? Gen.Elements(node.GenerateKeys.ToArray())
            : StringGen(node.Child("propertyNames") ?? new SchemaNode(new JsonObject { ["x-generate-pattern"] = node.String("x-generate-names") ?? "^[A-Za-z0-9_]+$" }, node));
        var entry = from key in keys
                    from value in ValueGen(valueSchema, references)
                    select (key, value);
        return from count in Gen.Choose(0, node.GenerateMaxProperties)
               from entries in Gen.ListOf(entry, count)
               select (JsonNode)new JsonObject(entries
                   .GroupBy(e => e.key, StringComparer.Ordinal)
                   .Select(g => new KeyValuePair<string, JsonNode?>(g.Key, g.First().value.DeepClone())));
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

        if (node.Const is { } constant)
        {
            return constant.DeepClone();
        }

        if (node.AnyOf.Count > 0)
        {
            return MinimalValue(node.Generatable, references);
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
        var alphabet = node.Generatable.Alphabet(forGeneration: true) ?? new CharacterClass("abcdefghijklmnopqrstuvwxyz", 0);
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
            var probe = Add(reference.Requirement, path, "reference", $"names no {reference.Resource}", Expectation.Rejected, pins,
                (body, refs) => Set(body, path, JsonValue.Create(refs.Missing(reference.Resource)), refs));
            referenceProbes.Add(probe.Id);
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

        // A value one alternative accepts proves that alternative; a value every alternative refuses breaks the anyOf.
        foreach (var branch in node.AnyOf)
        {
            foreach (var (label, expectation, value) in ScalarProbes(branch))
            {
                var requirement = expectation == Expectation.Accepted ? value.Requirement : node.RequirementFor("anyOf");
                Add(requirement, path, value.Keyword, label, expectation, pins,
                    (body, refs) => Set(body, path, value.Make(), refs));
            }
        }
    }

    private void CollectMapProbes(SchemaNode node, string[] path)
    {
        var keySchema = node.Child("propertyNames");
        var valueSchema = node.Child("additionalProperties");
        var validKey = node.GenerateKeys.Count > 0 ? node.GenerateKeys[0] : keySchema is null ? "k1" : MinimalString(keySchema);
        if (valueSchema is { Type: "object" })
        {
            CollectObjectMapProbes(node, valueSchema, validKey, path);
            return;
        }

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

    /// <summary>A map of objects: the value's type under a valid key, then each member of the value as an object member is probed.</summary>
    private void CollectObjectMapProbes(SchemaNode node, SchemaNode valueSchema, string validKey, string[] path)
    {
        if (node.Child("propertyNames") is not null)
        {
            throw new InvalidDataException($"propertyNames on a map of objects ({string.Join('.', path)}) is not supported by the generators");
        }

        var wrong = WrongType("object");
        Add(valueSchema.RequirementFor("type"), path, "value-type", $"value sent as {wrong.ToJsonString()}", Expectation.Rejected, false,
            (body, refs) => Set(body, path, new JsonObject { [validKey] = wrong.DeepClone() }, refs));
        CollectProbes(valueSchema, path.Append(validKey).ToArray());
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
            var cases = node.ForbiddenPrefixIgnoresCase
                ? new[] { (prefix, "forbidden prefix"), (prefix.ToUpperInvariant(), "forbidden prefix, upper case"), (char.ToUpperInvariant(prefix[0]) + prefix[1..], "forbidden prefix, mixed case") }
                : new[] { (prefix, "forbidden prefix") };
            foreach (var (written, label) in cases.Distinct())
            {
                var value = written + fill.Fill(3);
                yield return ($"'{value}' ({label})", Expectation.Rejected, new("not", requirement, () => JsonValue.Create(value)));
            }
        }

        if (node.Enum.Count > 0)
        {
            var requirement = node.RequirementFor("enum");
            var values = node.Enum.Select(v => v!.GetValue<string>()).ToList();
            var probedAccepted = node.ProbeAccepted ?? values;
            foreach (var value in values)
            {
                if (probedAccepted.Contains(value))
                {
                    yield return ($"'{value}' (a listed value)", Expectation.Accepted, new("enum", requirement, () => JsonValue.Create(value)));
                }

                var neighbour = Neighbour(value, values);
                yield return ($"'{neighbour}' (next to '{value}', not listed)", Expectation.Rejected, new("enum", requirement, () => JsonValue.Create(neighbour)));
            }
        }

        if (node.Const is JsonValue constant && constant.TryGetValue<string>(out var constantText))
        {
            var requirement = node.RequirementFor("const");
            var neighbour = Neighbour(constantText, [constantText]);
            yield return ($"'{constantText}' (the constant)", Expectation.Accepted, new("const", requirement, () => JsonValue.Create(constantText)));
            yield return ($"'{neighbour}' (next to '{constantText}')", Expectation.Rejected, new("const", requirement, () => JsonValue.Create(neighbour)));
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

    private Probe Add(
        string requirement, string[] path, string keyword, string label, Expectation expectation, bool pinsIdentity,
        Func<JsonObject, IReferenceValues, JsonObject> apply, Conditional? probed = null)
    {
        var verdict = expectation == Expectation.Accepted ? "accepted" : "rejected";
        var id = $"{requirement}/{string.Join('.', path)}/{keyword}:{Slug(label)}";
        var probe = new Probe(id, requirement, $"{string.Join('.', path)} {label} is {verdict}", expectation, pinsIdentity,
            (body, refs) => Settle(apply(body, refs), path, probed, refs));
        probes.Add(probe);
        return probe;
    }

    private static string Slug(string label)
    {
        var text = label.Length > 40 ? label[..40] : label;
        return new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
    }

    // ---- what the generators understand, and proof that what they derive agrees with the schema ----

    /// <summary>Every keyword a request schema may use: each one is either turned into cases or is an annotation.</summary>
    private static readonly FrozenSet<string> UnderstoodKeywords = new[]
    {
        "$schema", "$id", "$comment", "title", "description", "$defs", "$ref",
        "type", "required", "allOf", "anyOf", "properties", "additionalProperties", "propertyNames", "not",
        "minLength", "maxLength", "pattern", "const", "enum", "minimum", "maximum",
        "dependentRequired", "if", "then",
        "x-requirement", "x-requirements", "x-identity", "x-references", "x-echo", "x-parent", "x-marker", "x-wrong-type-values",
        "x-generate-omit", "x-generate-values", "x-generate-always", "x-generate-maxProperties",
        "x-generate-pattern", "x-generate-names", "x-generate-keys", "x-disputed-characters", "x-probe-accepted",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>What an anyOf alternative may say: the generators derive cases per alternative only from these.</summary>
    private static readonly FrozenSet<string> UnderstoodInAnyOf = new[]
    {
        "$comment", "description", "pattern", "const", "x-requirement", "x-requirements", "x-generate-omit",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Fails at load on any keyword the generators would otherwise skip, so no constraint goes unchecked unnoticed.</summary>
    private static void RequireUnderstoodKeywords(JsonObject node, string path, bool inAnyOf)
    {
        foreach (var (keyword, value) in node)
        {
            if (!(inAnyOf ? UnderstoodInAnyOf : UnderstoodKeywords).Contains(keyword))
            {
                throw new InvalidDataException(
                    $"{path}: the request generators do not understand '{keyword}'{(inAnyOf ? " inside an anyOf alternative" : "")}; teach Generation/RequestModel to derive cases from it, or drop it");
            }

            switch (keyword)
            {
                case "properties" or "$defs":
                    foreach (var (name, sub) in Schema(value, path, keyword).AsObject())
                    {
                        RequireUnderstoodKeywords(Schema(sub, path, $"{keyword}/{name}"), $"{path}/{keyword}/{name}", inAnyOf: false);
                    }

                    break;
                case "additionalProperties" or "propertyNames" or "not" or "if" or "then":
                    RequireUnderstoodKeywords(Schema(value, path, keyword), $"{path}/{keyword}", inAnyOf: false);
                    break;
                case "allOf" or "anyOf":
                    if (keyword == "anyOf" && node["type"]?.GetValue<string>() != "string")
                    {
                        throw new InvalidDataException($"{path}: anyOf is understood on string members only");
                    }

                    var index = 0;
                    foreach (var item in value as JsonArray ?? throw new InvalidDataException($"{path}/{keyword} is not an array"))
                    {
                        RequireUnderstoodKeywords(Schema(item, path, $"{keyword}/{index}"), $"{path}/{keyword}/{index}", inAnyOf: keyword == "anyOf");
                        index++;
                    }

                    break;
            }
        }

        static JsonObject Schema(JsonNode? value, string path, string keyword) =>
            value as JsonObject ?? throw new InvalidDataException($"{path}/{keyword} is not a schema object, the only form the generators support");
    }

    /// <summary>
    /// Validates every derived case against the schema it came from: an accepted case must be valid, a
    /// rejected one must break its own requirement. A disagreement (an alternative that accepts what
    /// another probe calls invalid, say) fails at load instead of producing a wrong verdict.
    /// </summary>
    private void ProveProbesAgainst(SchemaValidator schema)
    {
        var references = new StandInReferences();
        var disagreements = new List<string>();
        foreach (var probe in probes.Where(p => !referenceProbes.Contains(p.Id)))
        {
            var body = probe.Apply(Minimal(references), references);
            var violations = schema.Validate(body);
            if (probe.Expectation == Expectation.Accepted && violations.Count > 0)
            {
                disagreements.Add($"{probe.Id}: {body.ToJsonString()} is invalid: {violations[0]}");
            }
            else if (probe.Expectation == Expectation.Rejected && !violations.Any(v => v.Requirement == probe.Requirement))
            {
                disagreements.Add($"{probe.Id}: {body.ToJsonString()} breaks no constraint of {probe.Requirement} ({violations.Count} other violation(s))");
            }
        }

        if (disagreements.Count > 0)
        {
            throw new InvalidDataException("derived cases disagree with the request schema:\n  " + string.Join("\n  ", disagreements));
        }
    }

    private sealed class StandInReferences : IReferenceValues
    {
        public string Existing(string resource) => "existing-" + resource;

        public string Missing(string resource) => "missing-" + resource;
    }

    private JsonObject Set(JsonObject body, string[] path, JsonNode? value, IReferenceValues references)
    {
        var node = body;
        var schema = Root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            schema = schema.IsMap ? schema.Child("additionalProperties")! : schema.Properties.First(p => p.Name == path[i]).Schema;
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
