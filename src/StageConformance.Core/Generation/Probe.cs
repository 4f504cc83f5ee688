using System.Text.Json.Nodes;

namespace StageConformance.Generation;

public enum Expectation
{
    Accepted,
    Rejected,
}

/// <summary>
/// One schema-derived case: a change to a valid request that either stays valid at a boundary
/// (Accepted) or breaks exactly one constraint (Rejected). Derived, never written by hand.
/// </summary>
public sealed record Probe(
    string Id,
    string Requirement,
    string Description,
    Expectation Expectation,
    bool PinsIdentity,
    Func<JsonObject, IReferenceValues, JsonObject> Apply)
{
    public override string ToString() => Id;
}
