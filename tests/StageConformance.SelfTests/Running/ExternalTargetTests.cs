using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Running;

/// <summary>The suite pointed at a server by URL (as a user points it at LocalStack) runs, reports, and leaves nothing behind.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ExternalTargetTests
{
    [Test]
    public async Task A_run_against_a_url_reports_per_requirement_and_leaves_nothing_behind()
    {
        await using var server = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        var reports = Path.Combine(Path.GetTempPath(), "stageconf-external-" + Guid.NewGuid().ToString("N"));
        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { ["baseUrl"] = server.BaseUrl.AbsoluteUri, ["dialects"] = DialectNames.AwsRestV1 },
            new Dictionary<string, string> { ["STAGECONF_REPORT_DIR"] = reports, ["STAGECONF_PROPERTY_CASES"] = "5" });
        Assert.That(settings.Kind, Is.EqualTo(TargetKind.Loopback));

        await using (var session = await ConformanceSession.StartAsync(settings, new TargetEndpoint(server.BaseUrl, new TargetCredentials(settings.AwsCredentials))))
        {
            foreach (var check in CheckCatalogue.For(DialectNames.AwsRestV1))
            {
                await session.RunAsync(check);
            }

            Assert.That(session.Results.Where(r => r.Outcome is Outcome.Failed or Outcome.Error).Select(r => r.Id), Is.Empty);
            Assert.That(session.Results.Single(r => r.Id.EndsWith("/burst", StringComparison.Ordinal)).Outcome, Is.EqualTo(Outcome.Skipped), "throttling is opt-in against a URL");
        }

        using var client = new TargetClient(server.BaseUrl, new SigV4RequestSigner(SettingsLoader.LoopbackDefaultCredentials, "us-east-1", "apigateway"));
        var apis = (await client.SendAsync(HttpMethod.Get, "/restapis")).ResponseJson()?["item"]?.AsArray() ?? [];
        Assert.That(apis.Select(a => a?["name"]?.GetValue<string>()).Where(n => n?.StartsWith("stageconf-", StringComparison.Ordinal) == true), Is.Empty);

        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")))!;
        Assert.That(report["results"]!.AsArray().Select(r => r!["requirement"]!.GetValue<string>()).Distinct().Count(),
            Is.EqualTo(global::StageConformance.Requirements.RequirementCatalogue.Load(DialectNames.AwsRestV1).All.Count));
        Assert.That(File.Exists(Path.Combine(reports, "report.md")));
    }

    [Test]
    public async Task An_unreachable_url_stops_the_run_with_one_line()
    {
        var error = Assert.ThrowsAsync<ConfigurationException>(() => Reachability.EnsureAsync(new Uri("http://127.0.0.1:9"), TimeSpan.FromSeconds(2)))!;

        Assert.That(error.Message, Does.Contain("unreachable").And.Not.Contain("\n"));
        await Task.CompletedTask;
    }
}
