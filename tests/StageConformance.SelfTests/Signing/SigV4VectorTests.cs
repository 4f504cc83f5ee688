using NUnit.Framework;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

public sealed class SigV4VectorTests
{
    // The README's "must pass" list for a client that signs in the Authorization header for a service other than S3.
    public static readonly string[] MustPass =
    [
        "get-vanilla", "get-vanilla-query", "post-vanilla",
        "get-vanilla-empty-query-key", "get-vanilla-query-order-key-case", "get-vanilla-query-order-encoded",
        "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "post-vanilla-query", "post-vanilla-empty-query-value",
        "get-unreserved", "get-utf8", "get-space-normalized", "get-space-unnormalized",
        "get-relative-normalized", "get-relative-relative-normalized", "get-slash-normalized",
        "get-slash-dot-slash-normalized", "get-slash-pointless-dot-normalized", "get-slashes-normalized",
        "get-header-key-duplicate", "get-header-value-order", "get-header-value-trim",
        "post-header-key-case", "post-header-key-sort", "post-header-value-case",
        "get-vanilla-with-session-token", "post-sts-header-before",
        "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
    ];

    // Optional for such a client: S3's unnormalized paths, an obs-fold header, a token attached after signing.
    private static readonly string[] Optional =
    [
        "get-relative-unnormalized", "get-relative-relative-unnormalized", "get-slash-unnormalized",
        "get-slash-dot-slash-unnormalized", "get-slash-pointless-dot-unnormalized", "get-slashes-unnormalized",
        "get-header-value-multiline", "post-sts-header-after",
    ];

    [Test]
    public void Every_vector_folder_is_classified()
    {
        var folders = Directory.GetDirectories(SigV4Vector.Root).Select(Path.GetFileName);
        Assert.That(folders, Is.EquivalentTo(MustPass.Concat(Optional)));
    }

    // get-space-unnormalized runs with normalization too: the signer always normalizes, and the README says the
    // result is the same.
    [TestCaseSource(nameof(MustPass))]
    public void Signer_reproduces_the_vector(string name)
    {
        var vector = SigV4Vector.Load(name);
        var request = vector.Request;
        var signed = vector.HeaderSignedRequest;

        // aws-c-auth signs every header it is given, content-length included.
        var result = vector.CreateSigner().Sign(
            request.Method, request.Path, request.Query, request.Headers, request.Body, vector.Context.Timestamp, _ => true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.CanonicalRequest, Is.EqualTo(vector.Read("header-canonical-request.txt")));
            Assert.That(result.StringToSign, Is.EqualTo(vector.Read("header-string-to-sign.txt")));
            Assert.That(result.Signature, Is.EqualTo(vector.Read("header-signature.txt")));
            Assert.That(result.Authorization, Is.EqualTo(signed.Header("Authorization")));
            Assert.That(request.Headers.Concat(result.AddedHeaders), Is.EquivalentTo(signed.Headers), "headers of the signed request");
        }
    }

    [TestCaseSource(nameof(MustPass))]
    public void Each_stage_reproduces_the_vector_from_the_expected_previous_stage(string name)
    {
        var vector = SigV4Vector.Load(name);
        var signed = vector.HeaderSignedRequest;
        var canonicalRequest = vector.Read("header-canonical-request.txt");
        var stringToSign = vector.Read("header-string-to-sign.txt");
        var signature = vector.Read("header-signature.txt");
        var canonicalLines = canonicalRequest.Split('\n');
        var signedHeaders = canonicalLines[^2].Split(';');
        var amzDate = SigV4Signer.FormatAmzDate(vector.Context.Timestamp);
        var scope = SigV4Signer.CredentialScope(amzDate[..8], vector.Context.Region, vector.Context.Service);
        var signingKey = SigV4Signer.DeriveSigningKey(
            vector.Credentials.SecretAccessKey, amzDate[..8], vector.Context.Region, vector.Context.Service);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                SigV4Signer.CanonicalRequest(signed.Method, signed.Path, signed.Query, signed.Headers, signedHeaders, canonicalLines[^1]),
                Is.EqualTo(canonicalRequest));
            Assert.That(SigV4Signer.StringToSign(amzDate, scope, canonicalRequest), Is.EqualTo(stringToSign));
            Assert.That(SigV4Signer.Signature(signingKey, stringToSign), Is.EqualTo(signature));
            Assert.That(
                SigV4Signer.AuthorizationHeaderValue(vector.Credentials.AccessKeyId, scope, signedHeaders, signature),
                Is.EqualTo(signed.Header("Authorization")));
        }
    }

    [Test]
    public void Obs_fold_header_reproduces_the_optional_vector_at_the_canonicalizer()
    {
        var vector = SigV4Vector.Load("get-header-value-multiline");
        var request = vector.Request;

        var result = vector.CreateSigner().Sign(
            request.Method, request.Path, request.Query, request.Headers, request.Body, vector.Context.Timestamp, _ => true);

        Assert.That(result.Signature, Is.EqualTo(vector.Read("header-signature.txt")));
    }

    [TestCaseSource(nameof(MustPass))]
    public void Verifier_accepts_the_vector_signed_request(string name)
    {
        var vector = SigV4Vector.Load(name);
        var signed = vector.HeaderSignedRequest;

        var verification = SigV4Verifier.Verify(
            signed.Method,
            signed.Path,
            signed.Query,
            signed.Headers,
            signed.Body,
            key => key == vector.Credentials.AccessKeyId ? vector.Credentials.SecretAccessKey : null,
            vector.Context.Timestamp,
            vector.Context.Service);

        Assert.That(verification, Is.EqualTo(SigV4Verification.Valid(vector.Credentials.AccessKeyId, vector.Context.Region)));
    }
}
