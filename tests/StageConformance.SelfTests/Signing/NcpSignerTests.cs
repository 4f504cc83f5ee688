using System.Globalization;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using StageConformance.Infrastructure;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

public sealed class NcpSignerTests
{
    private static readonly NcpVectorFile Vectors = JsonSerializer.Deserialize<NcpVectorFile>(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Signing", "vectors", "ncp", "signature-v2.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidDataException("signature-v2.json is empty");

    private static readonly NcpCredentials Credentials = new(Vectors.AccessKey, Vectors.SecretKey);

    private static readonly DateTimeOffset VectorTime =
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Vectors.Timestamp, CultureInfo.InvariantCulture));

    private static IEnumerable<TestCaseData> VectorCases() =>
        Vectors.Cases.Select(c => new TestCaseData(c.Method, c.PathWithQuery, c.Signature).SetArgDisplayNames($"{c.Method} {c.PathWithQuery}"));

    private static IEnumerable<TestCaseData> Tampering()
    {
        TestCaseData Case(string name, Func<RawHttpRequest, RawHttpRequest> tamper) => new TestCaseData(tamper).SetArgDisplayNames(name);

        yield return Case("method", r => r with { Method = "DELETE" });
        yield return Case("path", r => r with { Path = "/api/v1/products/abc123/apis/def457/stages" });
        yield return Case("query", r => r with { Query = "dryRun=false" });
        yield return Case("signature", r => r.WithHeader(NcpSigner.SignatureHeader, "A" + r.Header(NcpSigner.SignatureHeader)[1..]));
        yield return Case("timestamp moved within the window", r => r.WithHeader(NcpSigner.TimestampHeader, "1700000000001"));
        yield return Case("timestamp not a number", r => r.WithHeader(NcpSigner.TimestampHeader, "2023-11-14T22:13:20Z"));
        yield return Case("unknown access key", r => r.WithHeader(NcpSigner.AccessKeyHeader, "AK_OTHER"));
        yield return Case("timestamp header removed", r => r.WithoutHeader(NcpSigner.TimestampHeader));
        yield return Case("access key header removed", r => r.WithoutHeader(NcpSigner.AccessKeyHeader));
        yield return Case("signature header removed", r => r.WithoutHeader(NcpSigner.SignatureHeader));
        yield return Case("signature header twice", r => r with { Headers = [.. r.Headers, new(NcpSigner.SignatureHeader, r.Header(NcpSigner.SignatureHeader))] });
    }

    [TestCaseSource(nameof(VectorCases))]
    public void Signature_reproduces_the_vector(string method, string pathWithQuery, string signature) =>
        Assert.That(NcpSigner.Signature(method, pathWithQuery, Vectors.Timestamp, Vectors.AccessKey, Vectors.SecretKey), Is.EqualTo(signature));

    [TestCase("POST", "https://apigateway.apigw.ntruss.com/api/v1/products/abc123/apis/def456/stages")]
    [TestCase("GET", "https://uh7m0wgsis.apigw.ntruss.com/photos/puppy.jpg?query1=&query2")]
    public void Sign_on_an_HttpRequestMessage_reproduces_the_vector(string method, string uri)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), uri);

        new NcpSigner(Credentials).Sign(request, VectorTime);

        var expected = Vectors.Cases.Single(c => c.Method == method && c.PathWithQuery == request.RequestUri!.PathAndQuery);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Headers.GetValues(NcpSigner.SignatureHeader).Single(), Is.EqualTo(expected.Signature));
            Assert.That(request.Headers.GetValues(NcpSigner.TimestampHeader).Single(), Is.EqualTo(Vectors.Timestamp));
            Assert.That(request.Headers.GetValues(NcpSigner.AccessKeyHeader).Single(), Is.EqualTo(Vectors.AccessKey));
        }
    }

    [Test]
    public void Signing_again_replaces_the_earlier_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://apigateway.apigw.ntruss.com/api/v1/products");
        var signer = new NcpSigner(Credentials);

        signer.Sign(request, VectorTime);
        signer.Sign(request, VectorTime.AddSeconds(1));

        Assert.That(request.Headers.GetValues(NcpSigner.TimestampHeader), Is.EqualTo(new[] { "1700000001000" }));
    }

    [Test]
    public void Signed_request_is_valid() =>
        Assert.That(Verify(Signed(), VectorTime), Is.EqualTo(NcpVerification.Valid(Vectors.AccessKey)));

    [TestCaseSource(nameof(Tampering))]
    public void Tampered_request_is_rejected(Func<RawHttpRequest, RawHttpRequest> tamper) =>
        Assert.That(Verify(tamper(Signed()), VectorTime).IsValid, Is.False);

    [Test]
    public void Wrong_secret_is_rejected()
    {
        var request = Signed(new NcpCredentials(Vectors.AccessKey, "SK_OTHER"));

        Assert.That(Verify(request, VectorTime).IsValid, Is.False);
    }

    [TestCase(-6)]
    [TestCase(6)]
    public void Timestamp_over_5_minutes_away_is_rejected(int minutes) =>
        Assert.That(Verify(Signed(), VectorTime.AddMinutes(minutes)).IsValid, Is.False);

    [TestCase(-5)]
    [TestCase(5)]
    public void Timestamp_up_to_5_minutes_away_is_accepted(int minutes) =>
        Assert.That(Verify(Signed(), VectorTime.AddMinutes(minutes)).IsValid, Is.True);

    [Test]
    public async Task Request_sent_by_HttpClient_verifies_on_the_server()
    {
        var received = await LoopbackCapture.SendAsync(baseUri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/api/v1/products/a b/apis/ሴ/stages?q=x y&flag"))
            {
                Content = new StringContent("""{"stageName":"prod"}""", Encoding.UTF8, "application/json"),
            };
            new NcpSigner(Credentials).Sign(request, DateTimeOffset.UtcNow);
            return request;
        });

        var verification = NcpSigner.Verify(
            received.Method, received.Target, received.Headers, SecretFor, DateTimeOffset.UtcNow);

        Assert.That(verification, Is.EqualTo(NcpVerification.Valid(Vectors.AccessKey)), verification.Reason);
    }

    [Test]
    public void Credentials_print_only_the_access_key()
    {
        var text = new NcpCredentials("AK_VISIBLE", "SK_HIDDEN").ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("AK_VISIBLE"));
            Assert.That(text, Does.Not.Contain("SK_HIDDEN"));
        }
    }

    private static string? SecretFor(string accessKey) => accessKey == Vectors.AccessKey ? Vectors.SecretKey : null;

    private static RawHttpRequest Signed(NcpCredentials? credentials = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://apigateway.apigw.ntruss.com/api/v1/products/abc123/apis/def456/stages?dryRun=true");
        new NcpSigner(credentials ?? Credentials).Sign(request, VectorTime);
        var headers = request.Headers.NonValidated.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())).ToList();
        return new RawHttpRequest("POST", request.RequestUri!.AbsolutePath, request.RequestUri.Query.TrimStart('?'), headers, []);
    }

    private static NcpVerification Verify(RawHttpRequest request, DateTimeOffset now) =>
        NcpSigner.Verify(request.Method, request.Target, request.Headers, SecretFor, now);

    private sealed record NcpVectorFile(string AccessKey, string SecretKey, string Timestamp, IReadOnlyList<NcpVectorCase> Cases);

    private sealed record NcpVectorCase(string Method, string PathWithQuery, string Signature);
}
