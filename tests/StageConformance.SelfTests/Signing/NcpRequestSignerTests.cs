using System.Diagnostics;
using NUnit.Framework;
using StageConformance.Http;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Signing;

public sealed class NcpRequestSignerTests
{
    private const string Path = "/api/v1/products/abc123/apis/def456/stages";
    private static readonly NcpCredentials Credentials = new("AK_TEST", "SK_SECRET_NEVER_SHOWN");

    [TestCase(SigningMode.Signed, null)]
    [TestCase(SigningMode.WrongSecret, "the signature does not match")]
    [TestCase(SigningMode.StaleTimestamp, "minutes from the current time")]
    [TestCase(SigningMode.Unsigned, "must appear exactly once")]
    public void Each_mode_signs_as_named(SigningMode mode, string? refusal)
    {
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://apigateway.apigw.ntruss.com" + Path);

        new NcpRequestSigner(Credentials).Sign(request, [], now, mode);

        var headers = request.Headers.NonValidated.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString()));
        var verification = NcpSigner.Verify("POST", Path, headers, SecretFor, now);
        Assert.That(verification.Reason, refusal is null ? Is.Null : Does.Contain(refusal));
    }

    [TestCase(SigningMode.Signed)]
    [TestCase(SigningMode.WrongSecret)]
    [TestCase(SigningMode.StaleTimestamp)]
    public void The_reproducer_names_credentials_only_as_environment_references(SigningMode mode)
    {
        var reproducer = Reproducer.Curl(Exchange(mode), new NcpRequestSigner(Credentials));

        Assert.Multiple(() =>
        {
            Assert.That(reproducer, Does.Not.Contain(Credentials.SecretKey));
            Assert.That(reproducer, Does.Not.Contain(Credentials.AccessKey));
            Assert.That(reproducer, Does.Contain("$NCLOUD_ACCESS_KEY"));
            Assert.That(reproducer, Does.Contain(mode == SigningMode.WrongSecret ? "-hmac 'wrong-secret'" : "-hmac \"$NCLOUD_SECRET_KEY\""));
            Assert.That(reproducer, Does.Contain("curl -sS -i -X POST 'https://apigateway.apigw.ntruss.com/api/v1/"));
        });
    }

    [Test]
    public void An_unsigned_reproducer_sends_no_signature_headers() =>
        Assert.That(Reproducer.Curl(Exchange(SigningMode.Unsigned), new NcpRequestSigner(Credentials)),
            Does.StartWith("curl ").And.Not.Contain("x-ncp-"));

    [TestCase(SigningMode.Signed, null)]
    [TestCase(SigningMode.WrongSecret, "the signature does not match")]
    [TestCase(SigningMode.StaleTimestamp, "minutes from the current time")]
    public async Task The_reproducers_shell_signature_is_the_one_the_mode_means(SigningMode mode, string? refusal)
    {
        var setup = new NcpRequestSigner(Credentials).ShellSetup(Exchange(mode));
        var script = string.Join("; ", setup) + "; printf '%s\\n%s' \"$ts\" \"$sig\"";
        var output = await RunBashAsync(script);

        var lines = output.Split('\n');
        var headers = new[]
        {
            KeyValuePair.Create(NcpSigner.TimestampHeader, lines[0]),
            KeyValuePair.Create(NcpSigner.AccessKeyHeader, Credentials.AccessKey),
            KeyValuePair.Create(NcpSigner.SignatureHeader, lines[1]),
        };
        var verification = NcpSigner.Verify("POST", Path, headers, SecretFor, DateTimeOffset.UtcNow);
        Assert.That(verification.Reason, refusal is null ? Is.Null : Does.Contain(refusal), output);
    }

    private static HttpExchange Exchange(SigningMode mode) => new(
        "POST", new Uri("https://apigateway.apigw.ntruss.com" + Path), [new("Content-Type", "application/json")], """{"stageName":"s1"}""",
        mode, 201, [], "", TimeSpan.Zero);

    private static string? SecretFor(string accessKey) => accessKey == Credentials.AccessKey ? Credentials.SecretKey : null;

    internal static async Task<string> RunBashAsync(string script, IReadOnlyDictionary<string, string>? environment = null)
    {
        foreach (var tool in new[] { "bash", "openssl", "base64" })
        {
            Assume.That(OnPath(tool), $"{tool} is not on PATH");
        }

        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["NCLOUD_ACCESS_KEY"] = Credentials.AccessKey;
        start.Environment["NCLOUD_SECRET_KEY"] = Credentials.SecretKey;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, error);
        return output;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
        .Any(dir => File.Exists(System.IO.Path.Combine(dir, tool)));
}
