using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using StageConformance.Signing;
using static StageConformance.ReferenceTarget.Ncp.NcpMutantIds;

namespace StageConformance.ReferenceTarget.Ncp;

/// <summary>
/// Every request under /api/v1: signature v2 check, throttle, dispatch, and NCP's error bodies:
/// gateway failures (401, 429) nested as {"error": {...}} with the overview's string codes, service
/// failures at the top level with a numeric code, the two shapes NCP is seen to send. The code
/// follows from the status (the overview's table); an ApiException's AWS error type is not used.
/// </summary>
internal sealed class NcpPipeline(TargetContext target)
{
    private const string Prefix = "/api/v1/";

    private readonly NcpOperations operations = new(target, new NcpState());
    private readonly Throttle throttle = new(target.Options.ThrottleRatePerSecond, target.Options.ThrottleBurst, target.Options.ThrottleLimits);

    public static bool Serves(string rawPath) => rawPath.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext http, string rawPath, string rawQuery, byte[] body)
    {
        try
        {
            var accessKey = Authenticate(http.Request, rawQuery.Length == 0 ? rawPath : rawPath + "?" + rawQuery);
            if (!target.Deviates(Throttling) && !throttle.TryAcquire(accessKey))
            {
                throw new ApiException(429, "ThrottleLimited", "the request rate of this access key is over its limit");
            }

            var path = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            var result = Dispatch(http.Request.Method, path, body);
            await RequestPipeline.WriteAsync(http.Response, result.Status, result.Body);
        }
        catch (ApiException e)
        {
            await RequestPipeline.WriteAsync(http.Response, e.Status, ErrorBody(e.Status, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RequestPipeline.WriteAsync(http.Response, 500, ErrorBody(500, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private ApiResult Dispatch(string method, string[] path, byte[] body) =>
        (method, path) switch
        {
            ("POST", ["api", "v1", "products"]) => operations.CreateProduct(body),
            ("DELETE", ["api", "v1", "products", var product]) => operations.DeleteProduct(product),
            ("POST", ["api", "v1", "products", var product, "apis"]) => operations.CreateApi(product, body),
            ("DELETE", ["api", "v1", "products", var product, "apis", var api]) => operations.DeleteApi(product, api),
            ("POST", ["api", "v1", "products", var product, "apis", var api, "stages"]) => operations.CreateStage(product, api, body),
            ("GET", ["api", "v1", "products", var product, "apis", var api, "stages"]) => operations.ListStages(product, api),
            ("GET", ["api", "v1", "products", var product, "apis", var api, "stages", var stage]) => operations.GetStage(product, api, stage),
            ("DELETE", ["api", "v1", "products", var product, "apis", var api, "stages", var stage]) => operations.DeleteStage(product, api, stage),
            _ => throw ApiException.NotFound("no such operation"),
        };

    /// <summary>The access key whose throttle bucket the request takes; any verification failure is 401.</summary>
    private string Authenticate(HttpRequest request, string pathWithQuery)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
        var sentAt = SentAt(request);
        if (target.Deviates(AuthSignature))
        {
            if (sentAt is { } time && (DateTimeOffset.UtcNow - time).Duration() > NcpSigner.MaxClockSkew)
            {
                throw Unauthenticated("the timestamp is more than 5 minutes from the current time");
            }

            return request.Headers[NcpSigner.AccessKeyHeader].FirstOrDefault() ?? "anonymous";
        }

        // Judging the request at the moment it says it was signed switches the window off and nothing else.
        var now = target.Deviates(AuthTimestamp) && sentAt is { } claimed ? claimed : DateTimeOffset.UtcNow;
        var result = NcpSigner.Verify(request.Method, pathWithQuery, headers, key => target.Options.Credentials.GetValueOrDefault(key), now);
        return result.IsValid && result.AccessKey is { } accessKey ? accessKey : throw Unauthenticated(result.Reason ?? "not authenticated");
    }

    private static DateTimeOffset? SentAt(HttpRequest request) =>
        long.TryParse(request.Headers[NcpSigner.TimestampHeader].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            && millis <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : null;

    private static ApiException Unauthenticated(string reason) => new(401, "AuthenticationFailed", reason);

    private JsonObject ErrorBody(int status, string details)
    {
        var (code, message) = status switch
        {
            400 => ("100", "Bad Request Exception"),
            401 => ("200", "Authentication Failed"),
            404 => ("300", "Not Found Exception"),
            429 => ("410", "Throttle Limited"),
            _ => ("500", "Endpoint Error"),
        };
        if (target.Deviates(ErrorsEncoding))
        {
            return new JsonObject { ["code"] = code, ["msg"] = details };
        }

        return status is 401 or 429
            ? new JsonObject { ["error"] = new JsonObject { ["errorCode"] = code, ["message"] = message, ["details"] = details } }
            : new JsonObject { ["errorCode"] = int.Parse(code, CultureInfo.InvariantCulture), ["message"] = details };
    }
}
