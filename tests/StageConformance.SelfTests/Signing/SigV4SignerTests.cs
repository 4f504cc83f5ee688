using System.Text;
using NUnit.Framework;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-example");

    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [TestCase("post-vanilla")]
    [TestCase("get-vanilla-with-session-token")]
    [TestCase("get-vanilla-query-order-key-case")]
    public void Sign_on_an_HttpRequestMessage_reproduces_the_vector(string name)
    {
        var vector = SigV4Vector.Load(name);
        var raw = vector.Request;
        var uri = new UriBuilder("https", raw.Header("Host")) { Path = raw.Path, Query = raw.Query }.Uri;
        using var request = new HttpRequestMessage(new HttpMethod(raw.Method), uri);

        vector.CreateSigner().Sign(request, [], vector.Context.Timestamp);

        var signed = vector.HeaderSignedRequest;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo(signed.Header("Authorization")));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo(signed.Header("X-Amz-Date")));
            Assert.That(request.Headers.Host, Is.EqualTo(signed.Header("Host")));
        }
    }

    [Test]
    public void Signing_again_replaces_the_earlier_signature()
    {
        var signer = new SigV4Signer(Credentials, "us-east-1", "apigateway") { SignBody = true };
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://apigateway.us-east-1.amazonaws.com/restapis");

        signer.Sign(request, [], Now);
        signer.Sign(request, [], Now.AddMinutes(1));

        using (Assert.EnterMultipleScope())
        {
            foreach (var name in new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "x-amz-content-sha256" })
            {
                Assert.That(request.Headers.GetValues(name).Count(), Is.EqualTo(1), name);
            }

            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20240501T100100Z"));
        }
    }

    [TestCase("https://example.com/", "example.com")]
    [TestCase("https://example.com:443/", "example.com")]
    [TestCase("http://example.com:8080/", "example.com:8080")]
    [TestCase("http://[::1]:8080/", "[::1]:8080")]
    [TestCase("https://bücher.example/", "xn--bcher-kva.example")]
    public void Sign_pins_the_host_with_the_port_only_when_not_default(string uri, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);

        new SigV4Signer(Credentials, "us-east-1", "apigateway").Sign(request, [], Now);

        Assert.That(request.Headers.Host, Is.EqualTo(host));
    }

    [Test]
    public void Sign_rejects_a_relative_uri()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/restapis", UriKind.Relative));

        Assert.That(
            () => new SigV4Signer(Credentials, "us-east-1", "apigateway").Sign(request, [], Now),
            Throws.InvalidOperationException);
    }

    [TestCase("/example%20space/", "/example%2520space/")]
    [TestCase("/%E1%88%B4", "/%25E1%2588%25B4")]
    [TestCase("/a+b=c:d", "/a%2Bb%3Dc%3Ad")]
    [TestCase("/a/b/../c/./d", "/a/c/d")]
    [TestCase("/a/b/..", "/a")]
    [TestCase("/../..", "/")]
    [TestCase("", "/")]
    public void CanonicalPath_normalizes_then_encodes_the_wire_path_again(string path, string canonical) =>
        Assert.That(SigV4Signer.CanonicalPath(path), Is.EqualTo(canonical));

    [TestCase("", "")]
    [TestCase("?b=2&a=3&a=1", "a=1&a=3&b=2")]
    [TestCase("flag&a=", "a=&flag=")]
    [TestCase("k=a%20b+c", "k=a%20b%2Bc")]
    [TestCase("k=%7e%2f", "k=~%2F")]
    [TestCase("k=%FF%zz", "k=%FF%25zz")]
    [TestCase("a=1&&b=2", "a=1&b=2")]
    public void CanonicalQuery_decodes_encodes_once_and_sorts(string query, string canonical) =>
        Assert.That(SigV4Signer.CanonicalQuery(query), Is.EqualTo(canonical));

    [Test]
    public void CanonicalRequest_rejects_a_signed_header_the_request_lacks() =>
        Assert.That(
            () => SigV4Signer.CanonicalRequest("GET", "/", "", [new("Host", "example.com")], ["host", "x-amz-date"], SigV4Signer.HexSha256([])),
            Throws.ArgumentException);

    [TestCase(false)]
    [TestCase(true)]
    public async Task Request_sent_by_HttpClient_verifies_on_the_server(bool signBody)
    {
        var signer = new SigV4Signer(Credentials, "eu-south-2", "apigateway") { SignBody = signBody };
        var body = Encoding.UTF8.GetBytes("""{"stageName":"prod","variables":{"a":"b c"}}""");

        var received = await LoopbackCapture.SendAsync(baseUri =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/restapis/a%20b/ሴ/stages?name=x%2Fy&b=1 2&a"))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add("x-amz-meta-tags", ["one", "two  spaced"]);
            request.Headers.Add("Accept", "application/json");
            signer.Sign(request, body, DateTimeOffset.UtcNow);
            return request;
        });

        var verification = SigV4Verifier.Verify(
            received.Method,
            received.Path,
            received.Query,
            received.Headers,
            received.Body,
            key => key == Credentials.AccessKeyId ? Credentials.SecretAccessKey : null,
            DateTimeOffset.UtcNow,
            "apigateway");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verification, Is.EqualTo(SigV4Verification.Valid(Credentials.AccessKeyId, "eu-south-2")), verification.Reason);
            Assert.That(received.Header("Authorization"), Does.Contain(signBody
                ? "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-tags;x-amz-security-token,"
                : "SignedHeaders=content-type;host;x-amz-date;x-amz-meta-tags;x-amz-security-token,"));
        }
    }

    [Test]
    public void Credentials_print_only_the_access_key_id()
    {
        var text = Credentials.ToString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain(Credentials.AccessKeyId));
            Assert.That(text, Does.Not.Contain(Credentials.SecretAccessKey));
            Assert.That(text, Does.Not.Contain(Credentials.SessionToken));
            Assert.That($"{new { Credentials }}", Does.Not.Contain(Credentials.SecretAccessKey));
        }
    }
}
