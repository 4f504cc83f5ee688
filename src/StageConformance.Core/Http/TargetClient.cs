using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Configuration;
using Polly;
using Polly.Retry;

namespace StageConformance.Http;

/// <summary>
/// Sends requests to the target through Flurl, signs them with the dialect's signer and records
/// every exchange, so a failing check can show evidence and a reproducer.
/// </summary>
public sealed class TargetClient : IDisposable
{
    internal const string SigningHeader = "X-StageConf-Signing";

    private readonly IFlurlClient flurl;
    private readonly string baseUrl;
    private readonly System.Threading.RateLimiting.RateLimiter? limiter;
    private readonly TimeSpan timeout;
    private ResiliencePipeline<HttpExchange>? throttleRetry;

    public TargetClient(Uri baseUrl, IRequestSigner? signer, TimeSpan? timeout = null, RateLimit? rateLimit = null)
    {
        this.baseUrl = baseUrl.AbsoluteUri.TrimEnd('/');
        this.timeout = timeout ?? TimeSpan.FromSeconds(30);
        BaseUrl = baseUrl;
        Signer = signer;
        RateLimit = rateLimit;
        limiter = rateLimit?.CreateLimiter();
        var builder = new FlurlClientBuilder();
        builder.Settings.Timeout = this.timeout;
        flurl = builder.AddMiddleware(() => new SigningHandler(signer)).Build();
    }

    public Uri BaseUrl { get; }

    public IRequestSigner? Signer { get; }

    public RateLimit? RateLimit { get; }

    /// <summary>The same identity without the client-side budget: for the probe that must exceed the target's.</summary>
    public TargetClient WithoutRateLimit() => new(BaseUrl, Signer, timeout);

    /// <summary>
    /// Sends one request. A 429 is waited out (Retry-After, capped) and retried a few times unless
    /// the caller wants to see it: throttling is the target's right, not a deviation.
    /// </summary>
    public async Task<HttpExchange> SendAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body = null, SigningMode signing = SigningMode.Signed,
        CancellationToken ct = default, bool retryThrottled = true)
    {
        var attempts = 0;
        async ValueTask<HttpExchange> Send(CancellationToken token)
        {
            attempts++;
            return await SendOnceAsync(method, pathAndQuery, body, signing, token).ConfigureAwait(false);
        }

        var exchange = retryThrottled && MaxThrottleRetries > 0
            ? await ThrottleRetry.ExecuteAsync(Send, ct).ConfigureAwait(false)
            : await Send(ct).ConfigureAwait(false);

        if (retryThrottled && exchange.Status == 429)
        {
            throw new TargetThrottledException(exchange, attempts);
        }

        if (exchange.Status >= 500)
        {
            throw new TargetFaultException($"target fault: {Verdicts.Short(exchange)}", exchange);
        }

        return exchange;
    }

    /// <summary>
    /// For calls that are not under test (provisioning, cleanup): a fault is retried with backoff,
    /// since a 503 or a reset there says nothing about conformance.
    /// </summary>
    public async Task<HttpExchange> SendReliablyAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body = null, CancellationToken ct = default, int attempts = 4)
    {
        if (attempts <= 1)
        {
            return await SendAsync(method, pathAndQuery, body, SigningMode.Signed, ct).ConfigureAwait(false);
        }

        var pipeline = new ResiliencePipelineBuilder<HttpExchange>()
            .AddRetry(new RetryStrategyOptions<HttpExchange>
            {
                ShouldHandle = new PredicateBuilder<HttpExchange>().Handle<TargetFaultException>(),
                MaxRetryAttempts = attempts - 1,
                DelayGenerator = retry => new ValueTask<TimeSpan?>(TimeSpan.FromMilliseconds(200 * (retry.AttemptNumber + 1) * (retry.AttemptNumber + 1))),
            })
            .Build();
        return await pipeline.ExecuteAsync(
            async token => await SendAsync(method, pathAndQuery, body, SigningMode.Signed, token).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    /// <summary>A 429 is waited out (Retry-After, capped) and retried <see cref="MaxThrottleRetries"/> times.</summary>
    private ResiliencePipeline<HttpExchange> ThrottleRetry => throttleRetry ??= new ResiliencePipelineBuilder<HttpExchange>()
        .AddRetry(new RetryStrategyOptions<HttpExchange>
        {
            ShouldHandle = new PredicateBuilder<HttpExchange>().HandleResult(exchange => exchange.Status == 429),
            MaxRetryAttempts = MaxThrottleRetries,
            DelayGenerator = retry => new ValueTask<TimeSpan?>(RetryDelay(retry.Outcome.Result!, retry.AttemptNumber + 1)),
        })
        .Build();

    public int MaxThrottleRetries { get; init; } = 4;

    private static TimeSpan RetryDelay(HttpExchange exchange, int attempt)
    {
        var header = exchange.ResponseHeader("Retry-After");
        var seconds = int.TryParse(header, out var s) ? Math.Clamp(s, 0, 10) : attempt;
        return TimeSpan.FromSeconds(Math.Max(seconds, 0.2 * attempt));
    }

    private async Task<HttpExchange> SendOnceAsync(HttpMethod method, string pathAndQuery, JsonNode? body, SigningMode signing, CancellationToken ct)
    {
        var url = new Uri(baseUrl + pathAndQuery);
        var bodyText = body?.ToJsonString();
        var request = flurl.Request(url.AbsoluteUri)
            .AllowAnyHttpStatus()
            .WithHeader("Accept", "application/json")
            .WithHeader(SigningHeader, signing.ToString());
        HttpContent? content = bodyText is null ? null : new StringContent(bodyText, Encoding.UTF8, "application/json");
        if (content is not null)
        {
            // StringContent adds "; charset=utf-8"; AWS SDKs send the bare media type.
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        var requestHeaders = new List<KeyValuePair<string, string>> { new("Accept", "application/json") };
        if (content is not null)
        {
            requestHeaders.Add(new("Content-Type", "application/json"));
        }

        if (limiter is not null)
        {
            using var lease = await limiter.AcquireAsync(1, ct).ConfigureAwait(false);
        }

        var watch = Stopwatch.StartNew();
        HttpResponseMessage response;
        string responseBody;
        try
        {
            response = (await request.SendAsync(method, content, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false)).ResponseMessage;
            responseBody = await HttpExchange.ReadBodyAsync(response.Content, ct).ConfigureAwait(false);
        }
        catch (FlurlHttpTimeoutException e)
        {
            throw new TargetFaultException($"target fault: {method.Method} {url.PathAndQuery} timed out after {timeout.TotalSeconds:0.#} s", null, e);
        }
        catch (FlurlHttpException e)
        {
            throw new TargetFaultException($"target fault: {method.Method} {url.PathAndQuery} failed: {e.InnerException?.Message ?? e.Message}", null, e);
        }

        using var disposeResponse = response;
        watch.Stop();

        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .ToList();
        return new HttpExchange(
            method.Method, url, requestHeaders, bodyText, signing, (int)response.StatusCode, responseHeaders, responseBody, watch.Elapsed);
    }

    public void Dispose()
    {
        flurl.Dispose();
        limiter?.Dispose();
    }

    private sealed class SigningHandler(IRequestSigner? signer) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var mode = SigningMode.Signed;
            if (request.Headers.TryGetValues(SigningHeader, out var values))
            {
                mode = Enum.Parse<SigningMode>(values.First());
                request.Headers.Remove(SigningHeader);
            }

            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            signer?.Sign(request, body, DateTimeOffset.UtcNow, mode);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
