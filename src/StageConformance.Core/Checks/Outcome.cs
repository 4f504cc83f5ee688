namespace StageConformance.Checks;

public enum Outcome
{
    Passed,

    /// <summary>The target broke the check's requirement.</summary>
    Failed,

    /// <summary>Not run: not applicable, not selected, or a precondition another requirement owns did not hold.</summary>
    Skipped,

    /// <summary>The check could not reach a verdict: the target faulted or the suite did.</summary>
    Error,
}
