using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Signing;

namespace StageConformance.SelfTests.ReferenceTarget.Ncp;

/// <summary>Sends NCP signature v2 requests (or, on request, unsigned ones) to a running target.</summary>
internal sealed class NcpClient(Uri baseUrl, NcpCredentials? credentials, TimeSpan? clockOffset = null) : IDisposable
{
    public static readonly NcpCredentials DefaultCredentials = new("test", "test");

    private readonly HttpClient http = new();

    public NcpClient(Uri baseUrl)
        : this(baseUrl, DefaultCredentials)
    {
    }

    public Task<NcpResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<NcpResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<NcpResponse> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body.ToJsonString());

    /// <param name="body">Sent as is, so a test can send what is not JSON.</param>
    public async Task<NcpResponse> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (credentials is not null)
        {
            new NcpSigner(credentials).Sign(request, DateTimeOffset.UtcNow + (clockOffset ?? TimeSpan.Zero));
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new NcpResponse(
            response.StatusCode,
            text.Length == 0 ? null : JsonNode.Parse(text),
            text,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public void Dispose() => http.Dispose();
}

internal sealed record NcpResponse(HttpStatusCode Status, JsonNode? Json, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Object => Json as JsonObject ?? throw new InvalidOperationException($"{(int)Status} without a JSON object: {Text}");

    public override string ToString() => $"{(int)Status} {Text}";
}

/// <summary>A product with one API in it: what a stage needs.</summary>
internal sealed record NcpProvisioned(string ProductId, string ApiId)
{
    public string Product => $"/api/v1/products/{ProductId}";

    public string Stages => $"{Product}/apis/{ApiId}/stages";

    public static async Task<NcpProvisioned> CreateAsync(NcpClient client)
    {
        var product = await Expect(client.PostAsync("/api/v1/products", new JsonObject { ["productName"] = "stageconf", ["subscriptionCode"] = "PROTECTED" }), HttpStatusCode.Created);
        var productId = product.Object["product"]!["productId"]!.GetValue<string>();
        var api = await Expect(client.PostAsync($"/api/v1/products/{productId}/apis", new JsonObject { ["apiName"] = "stageconf" }), HttpStatusCode.Created);
        return new(productId, api.Object["api"]!["apiId"]!.GetValue<string>());
    }

    public static JsonObject StageBody(string stageName) => new() { ["stageName"] = stageName, ["endpointDomain"] = "https://example.com" };

    public static async Task<NcpResponse> Expect(Task<NcpResponse> sending, HttpStatusCode status)
    {
        var response = await sending;
        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        return response;
    }
}
