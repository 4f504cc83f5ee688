namespace StageConformance.Http;

/// <summary>
/// The target could not be judged: it answered 5xx, reset the connection, timed out, or kept
/// throttling after the retries. A check that meets one reports <c>error</c>, never <c>failed</c>.
/// </summary>
public class TargetFaultException(string message, HttpExchange? exchange = null, Exception? inner = null) : Exception(message, inner)
{
    public HttpExchange? Exchange { get; } = exchange;
}

/// <summary>The target answered 429 after every retry: throttling is its right, so no verdict.</summary>
public sealed class TargetThrottledException(HttpExchange exchange, int attempts)
    : TargetFaultException($"throttled: still 429 after {attempts} attempts ({exchange.Summary})", exchange);

/// <summary>The target answered something no check can judge (a number beyond what the validator reads): no verdict, the answer quoted.</summary>
public sealed class UnreadableAnswerException(string message, HttpExchange exchange) : TargetFaultException(message, exchange);
