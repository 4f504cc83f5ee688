using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Safety;

/// <summary>Recognisable fake secrets go in; no report, reproducer, log, test output or TRX may carry them out.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class SecretsTests
{
    private const string AccessKey = "AKIDCANARYACCESSKEY";
    private const string Secret = "SECRETCANARY7f3a9b51e2";
    private const string SessionToken = "TOKENCANARY2c81d04f";
    private const string NcpAccessKey = "NCPCANARYACCESSKEY";
    private const string NcpSecret = "NCPSECRETCANARY93d1e7";

    // A deviating target per signing scheme, so the outputs also carry failures with their reproducers.
    [TestCase("v1.echo")]
    [TestCase("ncp.echo")]
    public async Task No_output_of_a_whole_run_contains_a_secret_or_a_signature(string mutant)
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions
        {
            Mutant = mutant,
            Credentials = new Dictionary<string, string> { [AccessKey] = Secret, [NcpAccessKey] = NcpSecret },
        });
        var results = CleanupTests.TempDirectory();
        var reports = CleanupTests.TempDirectory();
        var environment = CleanupTests.Environment(target.BaseUrl);
        environment["STAGECONF_PROPERTY_CASES"] = "10";
        environment["STAGECONF_REPORT_DIR"] = reports;
        environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        environment["AWS_SECRET_ACCESS_KEY"] = Secret;
        environment["AWS_SESSION_TOKEN"] = SessionToken;
        environment["NCLOUD_ACCESS_KEY"] = NcpAccessKey;
        environment["NCLOUD_SECRET_KEY"] = NcpSecret;
        environment["STAGECONF_DIALECTS"] = string.Join(',', DialectNames.Implemented);

        string output;
        using (var run = await SuiteProcess.StartAsync(environment, results))
        {
            (_, output) = await run.WaitAsync(TimeSpan.FromMinutes(3));
        }

        var outputs = Directory.GetFiles(results, "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(reports, "*", SearchOption.AllDirectories))
            .Select(path => (Name: Path.GetFileName(path), Text: File.ReadAllText(path)))
            .Append((Name: "console", Text: output))
            .ToList();

        Assert.That(outputs.Select(o => o.Name), Has.Some.EqualTo("report.json").And.Some.EndsWith(".trx"));
        Assert.That(outputs.Single(o => o.Name == "report.json").Text, Does.Contain("\"failed\""), "the run must have produced failures with reproducers");
        // Secrets by value; signatures by shape (a SigV4 hex signature, an NCP base64 one), since each request has its own.
        var patterns = new[] { Secret, SessionToken, NcpSecret }.Select(System.Text.RegularExpressions.Regex.Escape).Concat(SignaturePatterns);
        var leaks = outputs
            .SelectMany(o => patterns
                .Where(pattern => System.Text.RegularExpressions.Regex.IsMatch(o.Text, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase))
                .Select(pattern => $"{o.Name} matches {pattern}"))
            .ToList();
        Assert.That(leaks, Is.Empty);
    }

    private static readonly string[] SignaturePatterns = ["Signature=[0-9a-f]{64}", "x-ncp-apigw-signature-v2: *[A-Za-z0-9+/]{43}="];

    [Test]
    public void The_scan_recognises_real_signatures()
    {
        using var aws = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/restapis");
        new global::StageConformance.Signing.SigV4Signer(new global::StageConformance.Signing.AwsCredentials(AccessKey, Secret), "us-east-1", "apigateway").Sign(aws, [], DateTimeOffset.UtcNow);
        using var ncp = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/api/v1/products");
        new global::StageConformance.Signing.NcpSigner(new global::StageConformance.Signing.NcpCredentials(NcpAccessKey, NcpSecret)).Sign(ncp, DateTimeOffset.UtcNow);

        Assert.That(aws.Headers.ToString(), Does.Match(SignaturePatterns[0]));
        Assert.That(ncp.Headers.ToString(), Does.Match(SignaturePatterns[1]));
    }
}
