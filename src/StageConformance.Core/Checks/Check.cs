namespace StageConformance.Checks;

/// <summary>
/// One named check: its id is stable across runs (reports and expectation files key on it), its
/// requirement is the rule it judges. A check may report a failure under another requirement when
/// the rule it found broken is another one (a rejected request that still created a stage).
/// </summary>
public sealed record Check(
    string Id,
    string Requirement,
    string Dialect,
    string Kind,
    string Description,
    string Category,
    Func<CheckContext, Task> Run)
{
    public override string ToString() => Id;
}
