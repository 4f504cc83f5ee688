namespace StageConformance.Schemas;

/// <summary>Which code enforces a keyword.</summary>
public enum SchemaEngine
{
    /// <summary>NJsonSchema's validator, run on that keyword alone.</summary>
    NJsonSchema,

    /// <summary>The evaluator in this folder (applicators, and assertions NJsonSchema gets wrong or ignores).</summary>
    Extension,
}
