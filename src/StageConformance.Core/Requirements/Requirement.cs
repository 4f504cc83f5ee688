namespace StageConformance.Requirements;

public sealed record Citation(string Document, string Quote);

/// <summary>
/// One documented rule. Category "core" always runs; other categories (auth, throttling) are
/// opt-in against targets that are not on this machine, and emulator teams may expect them to fail.
/// <see cref="Statuses"/>, when given, are the statuses the role's check accepts instead of its default.
/// </summary>
public sealed record Requirement(
    string Id,
    string? Role,
    string Dialect,
    string Family,
    string Statement,
    string Category,
    IReadOnlyList<Citation> Sources,
    IReadOnlyList<int>? Statuses = null)
{
    /// <summary>What shows the rule holds on the real service (schemas/&lt;dialect&gt;/requirements.json, "evidence").</summary>
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];

    /// <summary>The strongest kind among <see cref="Evidence"/>: what a report shows next to a failure.</summary>
    public EvidenceKind StrongestEvidence => Evidence.Count == 0 ? EvidenceKind.Inferred : Evidence.Min(e => e.Kind);
}
