using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Flurl.Http;
using Flurl.Http.Configuration;

namespace StageConformance.Http;

/// <summary>
/// Sends requests to the target through Flurl, signs them with the dialect's signer and records
/// every exchange, so a failing check can show evidence and a reproducer.
/// </summary>
public sealed class TargetClient : IDisposable
{
    internal const string SigningHeader = "X-StageConf-Signing";

    private readonly FlurlClient flurl;
    private readonly string baseUrl;

    public TargetClient(Uri baseUrl, IRequestSigner? signer, TimeSpan? timeout = null)
    {
        this.baseUrl = baseUrl.AbsoluteUri.TrimEnd('/');
        Signer = signer;
        flurl = new FlurlClient();
        flurl.Settings.HttpClientFactory = new SigningClientFactory(signer);
        flurl.Settings.Timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    public IRequestSigner? Signer { get; }

    /// <summary>
    /// Sends one request. A 429 is waited out (Retry-After, capped) and retried a few times unless
    /// the caller wants to see it: throttling is the target's right, not a deviation.
    /// </summary>
    public async Task<HttpExchange> SendAsync(
        HttpMethod method, string pathAndQuery, JsonNode? body = null, SigningMode signing = SigningMode.Signed,
        CancellationToken ct = default, bool retryThrottled = true)
    {
        var exchange = await SendOnceAsync(method, pathAndQuery, body, signing, ct).ConfigureAwait(false);
        for (var attempt = 1; retryThrottled && exchange.Status == 429 && attempt <= MaxThrottleRetries; attempt++)
        {
            await Task.Delay(RetryDelay(exchange, attempt), ct).ConfigureAwait(false);
            exchange = await SendOnceAsync(method, pathAndQuery, body, signing, ct).ConfigureAwait(false);
        }

        return exchange;
    }

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

        var watch = Stopwatch.StartNew();
        using var response = await request.SendAsync(method, content, ct).ConfigureAwait(false);
        var responseBody = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        watch.Stop();

        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
            .ToList();
        return new HttpExchange(
            method.Method, url, requestHeaders, bodyText, signing, (int)response.StatusCode, responseHeaders, responseBody, watch.Elapsed);
    }

    public void Dispose() => flurl.Dispose();

    private sealed class SigningClientFactory(IRequestSigner? signer) : DefaultHttpClientFactory
    {
        public override HttpMessageHandler CreateMessageHandler() =>
            new SigningHandler(signer) { InnerHandler = base.CreateMessageHandler() };
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
