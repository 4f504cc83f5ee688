using NUnit.Framework;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Safety;

/// <summary>Recognisable fake secrets go in; no report, reproducer, log, test output or TRX may carry them out.</summary>
[NonParallelizable]
public sealed class SecretsTests
{
    private const string AccessKey = "AKIDCANARYACCESSKEY";
    private const string Secret = "SECRETCANARY7f3a9b51e2";
    private const string SessionToken = "TOKENCANARY2c81d04f";

    [Test]
    public async Task No_output_of_a_whole_run_contains_a_secret_or_a_signature()
    {
        // A deviating target, so the outputs also carry failures with reproducers.
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions
        {
            Mutant = "v1.echo",
            Credentials = new Dictionary<string, string> { [AccessKey] = Secret },
        });
        var results = CleanupTests.TempDirectory();
        var reports = CleanupTests.TempDirectory();
        var environment = CleanupTests.Environment(target.BaseUrl);
        environment["STAGECONF_PROPERTY_CASES"] = "10";
        environment["STAGECONF_REPORT_DIR"] = reports;
        environment["AWS_ACCESS_KEY_ID"] = AccessKey;
        environment["AWS_SECRET_ACCESS_KEY"] = Secret;
        environment["AWS_SESSION_TOKEN"] = SessionToken;

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
        var leaks = outputs
            .SelectMany(o => new[] { Secret, SessionToken, "Signature=", "x-ncp-apigw-signature-v2:" }
                .Where(secret => o.Text.Contains(secret, StringComparison.OrdinalIgnoreCase))
                .Select(secret => $"{o.Name} contains {secret}"))
            .ToList();
        Assert.That(leaks, Is.Empty);
    }
}
