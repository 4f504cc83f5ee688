using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Dialects.AwsRestV1;
using StageConformance.Http;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Safety;

/// <summary>Nothing of the suite's stays on a target: not after a Ctrl-C, and after a kill, not once swept.</summary>
// Alone, like the CLI's Ctrl-C test: beside the in-process mutant runs on two cores, the interrupted run's
// cleanup was once cut short (an API left after SIGINT, seen with two full test runs on the machine).
[NonParallelizable]
public sealed class CleanupTests
{
    private const string OtherPeoplesApi = "payments-prod";

    [Test]
    public async Task A_killed_run_leaves_resources_that_the_sweep_removes_and_nothing_else()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = Client(target.BaseUrl);
        await client.SendAsync(HttpMethod.Post, "/restapis", new JsonObject { ["name"] = OtherPeoplesApi });

        using (var run = await SuiteProcess.StartAsync(Environment(target.BaseUrl), TempDirectory()))
        {
            await WaitForSuiteResourcesAsync(client);
            run.SignalGroup("KILL");
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.That(await SuiteApisAsync(client), Is.Not.Empty, "a killed run cannot clean up; this is what the sweep is for");

        var swept = await new AwsRestV1StageApi(client, "sweep", TimeSpan.Zero).SweepAsync(CancellationToken.None);

        Assert.That(swept.Failed, Is.Empty);
        Assert.That(swept.Deleted, Is.Not.Empty);
        Assert.That(await SuiteApisAsync(client), Is.Empty);
        Assert.That(await ApiNamesAsync(client), Does.Contain(OtherPeoplesApi));
    }

    [Test]
    public async Task An_interrupted_run_deletes_what_it_created_before_it_ends()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = Client(target.BaseUrl);
        await client.SendAsync(HttpMethod.Post, "/restapis", new JsonObject { ["name"] = OtherPeoplesApi });

        // The previous run's files, which a Ctrl-C must not leave looking like this run's.
        var environment = Environment(target.BaseUrl);
        environment["STAGECONF_RUN_ID"] = "ctrlc1";
        var reports = environment["STAGECONF_REPORT_DIR"];
        foreach (var file in new[] { "report.json", "report.md", "junit.xml", "reproducers/v1.old_check.sh" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(reports, file))!);
            await File.WriteAllTextAsync(Path.Combine(reports, file), "previous run old111");
        }

        using (var run = await SuiteProcess.StartAsync(environment, TempDirectory()))
        {
            await WaitForSuiteResourcesAsync(client);
            run.SignalGroup("INT");
            await run.WaitAsync(TimeSpan.FromSeconds(60));
        }

        Assert.That(await SuiteApisAsync(client), Is.Empty);
        Assert.That(await ApiNamesAsync(client), Does.Contain(OtherPeoplesApi));
        Assert.That(File.Exists(Path.Combine(reports, "reproducers", "v1.old_check.sh")), Is.False, "a reproducer of an earlier run is removed");
        foreach (var file in new[] { "report.json", "report.md", "junit.xml" })
        {
            var text = await File.ReadAllTextAsync(Path.Combine(reports, file));
            Assert.That(text, Does.Contain("ctrlc1").And.Not.Contain("old111"), file);
            Assert.That(text, Does.Contain("SIGINT").Or.Contain("unfinished"), file + " says the run did not end normally");
        }
    }

    internal static Dictionary<string, string> Environment(Uri baseUrl) => new()
    {
        ["STAGECONF_BASE_URL"] = baseUrl.AbsoluteUri,
        ["STAGECONF_DIALECTS"] = DialectNames.AwsRestV1,
        ["STAGECONF_PROPERTY_CASES"] = "200",
        ["STAGECONF_REPORT_DIR"] = TempDirectory(),
    };

    internal static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "stageconf-selftest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    internal static TargetClient Client(Uri baseUrl) =>
        new(baseUrl, new SigV4RequestSigner(SettingsLoader.LoopbackDefaultCredentials, "us-east-1", "apigateway"));

    internal static async Task WaitForSuiteResourcesAsync(TargetClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var apis = await SuiteApisAsync(client);
            if (apis.Count > 0)
            {
                var stages = await client.SendAsync(HttpMethod.Get, $"/restapis/{apis[0]}/stages");
                if (stages.ResponseJson()?["item"]?.AsArray().Count > 0)
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail("the suite created nothing within 90 s");
    }

    internal static async Task<IReadOnlyList<string>> SuiteApisAsync(TargetClient client) =>
        (await ApisAsync(client)).Where(a => a.Name.StartsWith("stageconf-", StringComparison.Ordinal)).Select(a => a.Id).ToList();

    private static async Task<IReadOnlyList<string>> ApiNamesAsync(TargetClient client) =>
        (await ApisAsync(client)).Select(a => a.Name).ToList();

    private static async Task<IReadOnlyList<(string Id, string Name)>> ApisAsync(TargetClient client) =>
        ((await client.SendAsync(HttpMethod.Get, "/restapis")).ResponseJson()?["item"]?.AsArray() ?? [])
            .Select(a => (a!["id"]!.GetValue<string>(), a["name"]!.GetValue<string>())).ToList();
}
