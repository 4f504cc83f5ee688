using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using StageConformance.Signing;

namespace StageConformance.ReferenceTarget;

/// <summary>Every request: request id, SigV4 check, throttle, dispatch, and the AWS JSON-mode answer; /api/v1 goes to NCP's pipeline.</summary>
internal sealed class RequestPipeline(TargetContext target)
{
    // Messages such as the variable-value one quote characters; the default encoder would send ' as \u0027.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Router router = new(target);
    private readonly Ncp.NcpPipeline ncp = new(target);
    private readonly Throttle throttle = new(target.Options.ThrottleRatePerSecond, target.Options.ThrottleBurst, target.Options.ThrottleLimits);
    private readonly FaultInjector faults = new(target.Options.Faults, target.Faults);

    public async Task InvokeAsync(HttpContext http)
    {
        target.Faults.CountRequest();
        var body = await ReadBodyAsync(http.Request);

        // HttpRequest.Path is already decoded; the signature covers the path as sent.
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var v2 = V2Router.Serves(rawPath);
        if (await faults.TryInjectAsync(http, (status, type, message) => WriteErrorAsync(http.Response, status, type, message, v2)))
        {
            return;
        }

        if (Ncp.NcpPipeline.Serves(rawPath))
        {
            await ncp.InvokeAsync(http, rawPath, rawQuery, body);
            return;
        }

        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            var accessKey = Authenticate(http.Request, rawPath, rawQuery, body, v2);
            if (!target.Deviates(v2 ? V2MutantIds.Throttling : MutantIds.Throttling) && !throttle.TryAcquire(accessKey))
            {
                throw new ApiException(429, "TooManyRequestsException", "Too Many Requests");
            }

            var path = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            var result = router.Dispatch(http.Request.Method, path, name => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null, body);
            await WriteAsync(http.Response, result.Status, result.Body);
        }
        catch (ApiException e)
        {
            await WriteErrorAsync(http.Response, e.Status, e.ErrorType, e.Message, v2, e.ResourceType);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the target still reaches the client as an AWS-shaped 500 that names it.
            await WriteErrorAsync(http.Response, 500, "InternalFailure", $"{e.GetType().Name}: {e.Message}", v2);
        }
    }

    private string Authenticate(HttpRequest request, string rawPath, string rawQuery, byte[] body, bool v2)
    {
        if (target.Deviates(v2 ? V2MutantIds.AuthSignature : MutantIds.AuthSignature))
        {
            // Trusts whatever key the request names, signed or not: the account still selects the throttle bucket.
            return ClaimedAccessKey(request.Headers.Authorization.ToString()) ?? "test";
        }

        var result = SigV4Verifier.Verify(
            request.Method,
            rawPath,
            rawQuery,
            request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))),
            body,
            accessKey => target.Options.Credentials.GetValueOrDefault(accessKey),
            DateTimeOffset.UtcNow,
            "apigateway");
        if (result.IsValid && result.AccessKeyId is { } accessKeyId)
        {
            return accessKeyId;
        }

        var errorType = result.ErrorType ?? "AccessDeniedException";
        var message = errorType == "MissingAuthenticationTokenException" ? "Missing Authentication Token" : result.Reason ?? errorType;
        throw new ApiException(403, errorType, message);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private Task WriteErrorAsync(HttpResponse response, int status, string errorType, string message, bool v2, string? resourceType = null)
    {
        var body = new JsonObject();
        if (target.Deviates(v2 ? V2MutantIds.ErrorsEncoding : MutantIds.ErrorsEncoding))
        {
            body["__type"] = errorType;
        }
        else
        {
            response.Headers["x-amzn-ErrorType"] = errorType;
        }

        body["message"] = message;
        if (resourceType is not null)
        {
            body["resourceType"] = resourceType;
        }

        if (status == 429)
        {
            response.Headers.RetryAfter = "1";
        }

        return WriteAsync(response, status, body);
    }

    internal static async Task WriteAsync(HttpResponse response, int status, JsonNode? body)
    {
        response.StatusCode = status;
        if (body is null)
        {
            response.ContentLength = 0;
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Json));
        response.ContentType = "application/json";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, response.HttpContext.RequestAborted);
    }

    private static string? ClaimedAccessKey(string authorization)
    {
        const string marker = "Credential=";
        var at = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + marker.Length;
        var end = authorization.IndexOf('/', start);
        return end > start ? authorization[start..end] : null;
    }
}
