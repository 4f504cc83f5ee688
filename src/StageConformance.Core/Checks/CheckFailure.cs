using StageConformance.Http;

namespace StageConformance.Checks;

/// <summary>Thrown inside a check when the target breaks a requirement; the runner turns it into a Failed result.</summary>
public sealed class CheckFailure(string requirement, string expected, string observed, HttpExchange? exchange)
    : Exception($"{requirement}: expected {expected}; observed {observed}")
{
    public string Requirement { get; } = requirement;

    public string Expected { get; } = expected;

    public string Observed { get; } = observed;

    public HttpExchange? Exchange { get; } = exchange;
}

/// <summary>Thrown when a check cannot be judged because a precondition owned by another requirement failed.</summary>
public sealed class CheckSkipped(string reason) : Exception(reason);
