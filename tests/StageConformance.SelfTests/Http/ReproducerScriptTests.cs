using System.Diagnostics;
using System.Text.RegularExpressions;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Running;
using StageConformance.SelfTests.Safety;

namespace StageConformance.SelfTests.Http;

/// <summary>
/// A failure's reproducer script, run with bash and curl after the run deleted everything it made,
/// still shows the failure: it creates the parents, sends the request, prints the answer beside the
/// expectation, and deletes what it created.
/// </summary>
[NonParallelizable]
public sealed partial class ReproducerScriptTests
{
    [TestCase("v1.stageName.length", DialectNames.AwsRestV1)]
    [TestCase("v1.deploymentId.exists", DialectNames.AwsRestV1)]
    [TestCase("v2.stageName.length", DialectNames.AwsHttpV2)]
    [TestCase("ncp.stageName.length", DialectNames.Ncp)]
    public async Task The_script_of_a_failure_shows_the_failure_against_the_mutant_and_leaves_nothing(string mutant, string dialect)
    {
        RequireTools(dialect);
        var reports = CleanupTests.TempDirectory();
        await using var target = await EmbeddedTarget.StartAsync(mutant);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with
        {
            Dialects = [dialect],
            ReportDirectory = reports,
            RunId = "repro1",
        };
        var results = new List<CheckResult>();
        await using (var session = await ConformanceSession.StartAsync(settings, target.Endpoint))
        {
            foreach (var check in CheckCatalogue.For(dialect).Where(c => c.Requirement == mutant && c.Kind != "property"))
            {
                results.Add(await session.RunAsync(check));
            }
        }

        var failure = results.First(r => r.Outcome == Outcome.Failed && r.Response is not null);
        var script = Path.Combine(reports, "reproducers", ReproducerScript.FileName(failure.Id));
        var observedStatus = failure.Response![..3];
        Assert.That(await File.ReadAllTextAsync(Path.Combine(reports, "report.md")), Does.Contain($"[`reproducers/{ReproducerScript.FileName(failure.Id)}`]"));

        var (exit, output) = await RunAsync(script, dialect);

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain($"--- status {observedStatus}"), "the request, against fresh parents, gets the answer the run saw");
        Assert.That(output, Does.Contain("--- expected: " + failure.Expected));
        Assert.That(output, Does.Contain("--- deleted"));
        Assert.That(await SuiteResourcesAsync(target.Endpoint, dialect), Is.Empty, "the script deletes what it created");
        Assert.That(await File.ReadAllTextAsync(script), Does.Not.Contain(EmbeddedTarget.Checks.SecretAccessKey).And.Not.Contain(EmbeddedTarget.NcpChecks.SecretKey));
    }

    [Test]
    public void File_names_keep_the_check_id_readable()
    {
        Assert.That(ReproducerScript.FileName("v1.stageName.length/stageName/maxLength:length-129--above-the-maximum"),
            Is.EqualTo("v1.stageName.length_stageName_maxLength_length-129--above-the-maximum.sh"));
    }

    private static async Task<(int Exit, string Output)> RunAsync(string script, string dialect)
    {
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STAGECONF_", StringComparison.Ordinal) || k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("NCLOUD_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        if (dialect == DialectNames.Ncp)
        {
            start.Environment["NCLOUD_ACCESS_KEY"] = EmbeddedTarget.NcpChecks.AccessKey;
            start.Environment["NCLOUD_SECRET_KEY"] = EmbeddedTarget.NcpChecks.SecretKey;
        }
        else
        {
            start.Environment["AWS_ACCESS_KEY_ID"] = EmbeddedTarget.Checks.AccessKeyId;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = EmbeddedTarget.Checks.SecretAccessKey;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task<IReadOnlyList<string>> SuiteResourcesAsync(TargetEndpoint endpoint, string dialect)
    {
        var credentials = endpoint.Credentials;
        using var client = new TargetClient(endpoint.BaseUrl, StageConformance.Dialects.DialectRegistry.CreateSigner(dialect, credentials, SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>())));
        var (path, items, name) = dialect switch
        {
            DialectNames.AwsRestV1 => ("/restapis", "item", "name"),
            DialectNames.AwsHttpV2 => ("/v2/apis", "items", "name"),
            _ => ((string?)null, "", ""),
        };
        if (path is null)
        {
            return []; // NCP lists no products (DECISIONS N14); the script's own "deleted" line is the evidence there
        }

        var list = (await client.SendAsync(HttpMethod.Get, path)).ResponseJson()?[items]?.AsArray() ?? [];
        return list.Select(i => i?[name]?.GetValue<string>() ?? "").Where(n => n.StartsWith("stageconf-", StringComparison.Ordinal)).ToList();
    }

    private static void RequireTools(string dialect)
    {
        var curl = Tool("curl", "--version");
        var version = CurlVersion().Match(curl);
        if (!version.Success)
        {
            Assert.Ignore("not run: curl is not on PATH");
        }

        if (dialect != DialectNames.Ncp && new Version(version.Groups[1].Value) < new Version(7, 75))
        {
            Assert.Ignore($"not run: curl {version.Groups[1].Value} has no --aws-sigv4 (7.75 or later)");
        }

        if (dialect == DialectNames.Ncp && (Tool("openssl", "version").Length == 0 || Tool("base64", "--version").Length == 0))
        {
            Assert.Ignore("not run: the NCP reproducer needs openssl and base64");
        }
    }

    private static string Tool(string name, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(name, [argument]) { RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    [GeneratedRegex(@"^curl (\d+\.\d+)")]
    private static partial Regex CurlVersion();
}
