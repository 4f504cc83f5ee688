using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StageConformance.Signing;

namespace StageConformance.SelfTests.ReferenceTarget;

/// <summary>Sends SigV4-signed (or, on request, unsigned) JSON requests to a running target.</summary>
public sealed class TargetClient(Uri baseUrl, AwsCredentials? credentials, string region = "us-east-1") : IDisposable
{
    public static readonly AwsCredentials DefaultCredentials = new("test", "test");

    private readonly HttpClient http = new();

    public TargetClient(Uri baseUrl)
        : this(baseUrl, DefaultCredentials)
    {
    }

    public Task<TargetResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<TargetResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<TargetResponse> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    public Task<TargetResponse> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body.ToJsonString());

    public Task<TargetResponse> PatchAsync(string path, JsonNode body) => SendAsync(HttpMethod.Patch, path, body.ToJsonString());

    /// <param name="body">Sent as is, so a test can send what is not JSON.</param>
    public async Task<TargetResponse> SendAsync(HttpMethod method, string path, string? body = null)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (credentials is not null)
        {
            new SigV4Signer(credentials, region, "apigateway").Sign(request, bytes, DateTimeOffset.UtcNow);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new TargetResponse(
            response.StatusCode,
            text.Length == 0 ? null : JsonNode.Parse(text),
            text,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public void Dispose() => http.Dispose();
}

public sealed record TargetResponse(HttpStatusCode Status, JsonNode? Json, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public string? ErrorType => Headers.GetValueOrDefault("x-amzn-ErrorType");

    public string? Message => Json?["message"]?.GetValue<string>();

    public JsonObject Object => Json as JsonObject ?? throw new InvalidOperationException($"{(int)Status} without a JSON object: {Text}");

    public override string ToString() => $"{(int)Status} {ErrorType} {Text}";
}
