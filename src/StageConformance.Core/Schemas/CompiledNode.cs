using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace StageConformance.Schemas;

/// <summary>One schema object, with its keyword values checked and pre-built for evaluation.</summary>
// Subschema members are null when the keyword is absent: a present subschema is never JSON null (loading rejects it).
internal sealed class CompiledNode(string pointer)
{
    public string Pointer { get; } = pointer;

    public string? Requirement { get; set; }

    /// <summary>x-requirements: a requirement per keyword of this node, overriding <see cref="Requirement"/> for that keyword.</summary>
    public Dictionary<string, string>? KeywordRequirements { get; set; }

    public string? RequirementFor(string keyword, string? inherited) =>
        KeywordRequirements is not null && KeywordRequirements.TryGetValue(keyword, out var specific) ? specific : inherited;

    public List<NJsonSchemaCheck> NJsonSchemaChecks { get; } = [];

    public JsonNode? RefTarget { get; set; }

    public JsonArray? Enum { get; set; }

    public bool HasConst { get; set; }

    public JsonNode? Const { get; set; }

    public Regex? Pattern { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public int? MaxProperties { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public bool DateTimeFormat { get; set; }

    public List<(string Name, JsonNode Schema)>? Properties { get; set; }

    public List<(Regex Pattern, JsonNode Schema)>? PatternProperties { get; set; }

    public JsonNode? AdditionalProperties { get; set; }

    public JsonNode? PropertyNames { get; set; }

    public List<(string Property, string[] Requires)>? DependentRequired { get; set; }

    public JsonNode? Items { get; set; }

    public JsonNode[]? AllOf { get; set; }

    public JsonNode[]? AnyOf { get; set; }

    public JsonNode[]? OneOf { get; set; }

    public JsonNode? Not { get; set; }

    public JsonNode? If { get; set; }

    public JsonNode? Then { get; set; }

    public JsonNode? Else { get; set; }
}

/// <summary>A single keyword handed to NJsonSchema as a schema of its own, so its errors map to exactly that keyword.</summary>
internal sealed record NJsonSchemaCheck(string Keyword, JsonNode Value, JsonSchema Schema, InstanceKind? AppliesTo);
