using System.Text;
using NUnit.Framework;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

public sealed class SigV4VerifierTests
{
    private const string Service = "apigateway";
    private const string Region = "us-east-1";

    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    private static readonly DateTimeOffset Now = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Tampering()
    {
        TestCaseData Case(string name, Func<RawHttpRequest, RawHttpRequest> tamper, string errorType) =>
            new TestCaseData(tamper, errorType).SetArgDisplayNames(name);

        yield return Case("body", r => r with { Body = Encoding.UTF8.GetBytes("""{"stageName":"dev"}""") }, "InvalidSignatureException");
        yield return Case("path", r => r with { Path = "/restapis/abc124/stages" }, "InvalidSignatureException");
        yield return Case("query", r => r with { Query = "mode=merge" }, "InvalidSignatureException");
        yield return Case("signed header value", r => r.WithHeader("Content-Type", "text/plain"), "InvalidSignatureException");
        yield return Case("signed header removed", r => r.WithoutHeader("Content-Type"), "InvalidSignatureException");
        yield return Case("date moved within the window", r => r.WithHeader("X-Amz-Date", "20240501T100500Z"), "InvalidSignatureException");
        yield return Case("signature", r => r.WithHeader("Authorization", r.Header("Authorization")[..^4] + "0000"), "InvalidSignatureException");
        yield return Case("service in scope", r => r.WithHeader("Authorization", r.Header("Authorization").Replace("/apigateway/", "/execute-api/", StringComparison.Ordinal)), "InvalidSignatureException");
        yield return Case("Authorization removed", r => r.WithoutHeader("Authorization"), "MissingAuthenticationTokenException");
        yield return Case("X-Amz-Date removed", r => r.WithoutHeader("X-Amz-Date"), "IncompleteSignatureException");
        yield return Case("X-Amz-Date not basic ISO-8601", r => r.WithHeader("X-Amz-Date", "2024-05-01T10:00:00Z"), "IncompleteSignatureException");
        yield return Case("Signature parameter removed", r => r.WithHeader("Authorization", r.Header("Authorization")[..r.Header("Authorization").IndexOf(", Signature=", StringComparison.Ordinal)]), "IncompleteSignatureException");
        yield return Case("other scheme", r => r.WithHeader("Authorization", "Bearer abc"), "IncompleteSignatureException");
        yield return Case("credential without terminator", r => r.WithHeader("Authorization", r.Header("Authorization").Replace("/aws4_request", "", StringComparison.Ordinal)), "IncompleteSignatureException");
        yield return Case("host not signed", r => r.WithHeader("Authorization", r.Header("Authorization").Replace("host;", "", StringComparison.Ordinal)), "IncompleteSignatureException");
        yield return Case("two Authorization headers", r => r with { Headers = [.. r.Headers, new("Authorization", r.Header("Authorization"))] }, "IncompleteSignatureException");
    }

    [Test]
    public void Signed_request_is_valid() =>
        Assert.That(Verify(Signed(Signer()), Now), Is.EqualTo(SigV4Verification.Valid(Credentials.AccessKeyId, Region)));

    [Test]
    public void Unsigned_header_may_change() =>
        Assert.That(Verify(Signed(Signer()).WithHeader("Accept", "*/*"), Now).IsValid, Is.True);

    [TestCaseSource(nameof(Tampering))]
    public void Tampered_request_is_rejected(Func<RawHttpRequest, RawHttpRequest> tamper, string errorType) =>
        Assert.That(Verify(tamper(Signed(Signer())), Now).ErrorType, Is.EqualTo(errorType));

    [Test]
    public void Wrong_secret_is_an_invalid_signature() =>
        Assert.That(
            Verify(Signed(Signer(Credentials with { SecretAccessKey = "not-the-secret" })), Now).ErrorType,
            Is.EqualTo("InvalidSignatureException"));

    [Test]
    public void Unknown_access_key_is_an_unrecognized_client()
    {
        var verification = Verify(Signed(Signer(Credentials with { AccessKeyId = "AKIDUNKNOWN" })), Now);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verification.ErrorType, Is.EqualTo("UnrecognizedClientException"));
            Assert.That(verification.AccessKeyId, Is.EqualTo("AKIDUNKNOWN"));
        }
    }

    [Test]
    public void Scope_for_another_service_is_an_invalid_signature() =>
        Assert.That(
            Verify(Signed(new SigV4Signer(Credentials, Region, "execute-api")), Now).ErrorType,
            Is.EqualTo("InvalidSignatureException"));

    [TestCase(-20)]
    [TestCase(20)]
    [TestCase(-16)]
    [TestCase(16)]
    public void Clock_skew_over_15_minutes_is_an_invalid_signature(int minutes) =>
        Assert.That(Verify(Signed(Signer()), Now.AddMinutes(minutes)).ErrorType, Is.EqualTo("InvalidSignatureException"));

    [TestCase(-15)]
    [TestCase(15)]
    public void Clock_skew_up_to_15_minutes_is_accepted(int minutes) =>
        Assert.That(Verify(Signed(Signer()), Now.AddMinutes(minutes)).IsValid, Is.True);

    [Test]
    public void Declared_body_hash_is_checked_against_the_body()
    {
        var signed = Signed(new SigV4Signer(Credentials, Region, Service) { SignBody = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Verify(signed, Now).IsValid, Is.True);
            Assert.That(Verify(signed with { Body = [.. signed.Body, (byte)' '] }, Now).ErrorType, Is.EqualTo("InvalidSignatureException"));
        }
    }

    [Test]
    public void Session_token_is_signed()
    {
        var signed = Signed(Signer(Credentials with { SessionToken = "token-1" }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Verify(signed, Now).IsValid, Is.True);
            Assert.That(Verify(signed.WithHeader("X-Amz-Security-Token", "token-2"), Now).ErrorType, Is.EqualTo("InvalidSignatureException"));
        }
    }

    private static SigV4Signer Signer(AwsCredentials? credentials = null) => new(credentials ?? Credentials, Region, Service);

    private static RawHttpRequest Signed(SigV4Signer signer)
    {
        var body = Encoding.UTF8.GetBytes("""{"stageName":"prod","deploymentId":"d1"}""");
        List<KeyValuePair<string, string>> headers =
        [
            new("Host", "apigateway.us-east-1.amazonaws.com"),
            new("Content-Type", "application/json"),
            new("Accept", "application/json"),
        ];
        var result = signer.Sign("POST", "/restapis/abc123/stages", "mode=overwrite", headers, body, Now);
        return new RawHttpRequest("POST", "/restapis/abc123/stages", "mode=overwrite", [.. headers, .. result.AddedHeaders], body);
    }

    private static SigV4Verification Verify(RawHttpRequest request, DateTimeOffset now) =>
        SigV4Verifier.Verify(
            request.Method,
            request.Path,
            request.Query,
            request.Headers,
            request.Body,
            key => key == Credentials.AccessKeyId ? Credentials.SecretAccessKey : null,
            now,
            Service);
}
