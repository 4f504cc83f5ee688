namespace StageConformance.Http;

public static class Verdicts
{
    /// <summary>A one-line account of a response: method, path, status, the start of the body.</summary>
    public static string Short(HttpExchange exchange)
    {
        var body = exchange.ResponseBody.Length > 200 ? exchange.ResponseBody[..200] + "..." : exchange.ResponseBody;
        return $"{exchange.Summary} {body}".TrimEnd();
    }
}
