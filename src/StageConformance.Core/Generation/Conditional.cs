using System.Text.Json.Nodes;
using StageConformance.Schemas;

namespace StageConformance.Generation;

/// <summary>What a <see cref="Conditional"/> asks of a member once it applies: to be present, and (when given) to equal a constant.</summary>
public sealed record Consequence(string Member, bool Required, JsonNode? Const);

/// <summary>
/// A rule between members of one object: when every trigger member is present, the consequences
/// must hold. The two schema forms the generators understand:
/// <c>dependentRequired: {"a": ["b"]}</c>, and <c>if: {"required": ["a"]}</c> with
/// <c>then: {"required": ["b"], "properties": {"b": {"const": true}}}</c>. Any other form is refused
/// when the schema loads, so a conditional constraint is never left without generated cases.
/// </summary>
public sealed record Conditional(
    string Requirement,
    string Keyword,
    IReadOnlyList<string> Path,
    SchemaNode Node,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<Consequence> Consequences)
{
    private static readonly HashSet<string> AllOfMembers = ["required", "dependentRequired", "if", "then"];

    public bool Triggered(JsonObject instance) => Triggers.All(instance.ContainsKey);

    public bool Holds(Consequence consequence, JsonObject instance) =>
        instance[consequence.Member] is { } value
            ? consequence.Const is null || JsonNode.DeepEquals(value, consequence.Const)
            : !consequence.Required;

    public bool Satisfied(JsonObject instance) => Consequences.All(c => Holds(c, instance));

    public string TriggerText => string.Join(" and ", Triggers);

    public SchemaNode MemberSchema(string member) =>
        Node.Properties.FirstOrDefault(p => p.Name == member).Schema
        ?? throw new InvalidDataException($"{Keyword} names '{member}', which is not a declared property of {Node.Json.ToJsonString()}");

    /// <summary>The conditionals of an object schema: its own and those of its allOf items.</summary>
    public static IReadOnlyList<Conditional> In(SchemaNode node, IReadOnlyList<string> path)
    {
        var result = new List<Conditional>();
        Collect(node, node, path, result);
        foreach (var item in node.Json["allOf"]?.AsArray() ?? [])
        {
            var sub = new SchemaNode(item!.AsObject(), node);
            var unknown = sub.Json.Select(p => p.Key).FirstOrDefault(k => !AllOfMembers.Contains(k) && !SchemaKeywords.IsAnnotation(k));
            if (unknown is not null)
            {
                throw new InvalidDataException($"allOf item {sub.Json.ToJsonString()} uses '{unknown}'; the generators read only required, dependentRequired and if/then there");
            }

            Collect(sub, node, path, result);
        }

        foreach (var conditional in result)
        {
            var required = node.Required.Select(r => r.Name).Intersect(conditional.Triggers).FirstOrDefault();
            if (required is not null)
            {
                throw new InvalidDataException($"{conditional.Keyword} is triggered by '{required}', a required member: write the rule as a plain 'required'");
            }

            foreach (var member in conditional.Triggers.Concat(conditional.Consequences.Select(c => c.Member)))
            {
                _ = conditional.MemberSchema(member);
            }
        }

        return result;
    }

    private static void Collect(SchemaNode holder, SchemaNode node, IReadOnlyList<string> path, List<Conditional> result)
    {
        if (holder.Json["dependentRequired"] is JsonObject dependent)
        {
            foreach (var (trigger, members) in dependent)
            {
                var consequences = (members as JsonArray ?? throw new InvalidDataException($"dependentRequired['{trigger}'] must be an array of member names"))
                    .Select(m => new Consequence(m!.GetValue<string>(), Required: true, Const: null))
                    .ToList();
                result.Add(new(holder.RequirementFor("dependentRequired"), "dependentRequired", path, node, [trigger], consequences));
            }
        }

        if (holder.Json["else"] is not null)
        {
            throw new InvalidDataException($"'else' in {holder.Json.ToJsonString()}: the generators support if/then only");
        }

        if (holder.Json["if"] is null && holder.Json["then"] is null)
        {
            return;
        }

        var condition = holder.Child("if") ?? throw new InvalidDataException($"'then' without 'if' in {holder.Json.ToJsonString()}");
        var then = holder.Child("then") ?? throw new InvalidDataException($"'if' without 'then' in {holder.Json.ToJsonString()}");
        RequireOnly(condition, ["required"], "if");
        RequireOnly(then, ["required", "properties"], "then");
        var triggers = Names(condition.Json["required"]);
        if (triggers.Count == 0)
        {
            throw new InvalidDataException($"if {condition.Json.ToJsonString()} names no member: the generators support 'if: {{\"required\": [...]}}' only");
        }

        var thenRequired = Names(then.Json["required"]);
        var constants = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (member, schema) in then.Properties)
        {
            RequireOnly(schema, ["const"], $"then.properties.{member}");
            if (schema.Json["const"] is not JsonValue value || value.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
            {
                throw new InvalidDataException($"then.properties.{member} needs a boolean 'const': the generators make the other value of a boolean only");
            }

            constants[member] = value;
        }

        var consequencesOfThen = thenRequired.Concat(constants.Keys).Distinct(StringComparer.Ordinal)
            .Select(m => new Consequence(m, thenRequired.Contains(m), constants.GetValueOrDefault(m)))
            .ToList();
        result.Add(new(holder.RequirementFor("if"), "then", path, node, triggers, consequencesOfThen));
    }

    private static void RequireOnly(SchemaNode schema, string[] allowed, string where)
    {
        var unknown = schema.Json.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k) && !SchemaKeywords.IsAnnotation(k));
        if (unknown is not null)
        {
            throw new InvalidDataException($"{where} uses '{unknown}'; the generators support only {string.Join(", ", allowed)} there");
        }
    }

    private static List<string> Names(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
}
