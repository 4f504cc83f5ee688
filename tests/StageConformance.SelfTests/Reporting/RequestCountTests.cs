using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Reporting;

/// <summary>The requests report.json and report.md count are the requests the target received: every attempt, every identity, provisioning and cleanup too.</summary>
public sealed class RequestCountTests
{
    [Test]
    public async Task The_report_counts_every_request_the_target_received_per_dialect_and_in_total()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stageconf-requests-" + Guid.NewGuid().ToString("N"));
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string> { ["STAGECONF_REPORT_DIR"] = folder }) with
        {
            Dialects = [DialectNames.AwsRestV1, DialectNames.Ncp],
            PropertyCases = 5,
        };
        await using (var session = await ConformanceSession.StartAsync(settings, target.Endpoint))
        {
            // The throttling checks send through the probe identity, which must be counted too.
            foreach (var check in settings.Dialects.SelectMany(CheckCatalogue.For).Where(c => c.Category is "throttling" || c.Id.Contains("lifecycle", StringComparison.Ordinal)))
            {
                await session.RunAsync(check);
            }
        }

        var requests = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!["requests"]!;
        var perDialect = requests["perDialect"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
        var markdown = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Multiple(() =>
        {
            Assert.That(requests["total"]!.GetValue<long>(), Is.EqualTo(target.Faults.Received));
            Assert.That(perDialect.Keys, Is.EquivalentTo(settings.Dialects));
            Assert.That(perDialect.Values.Sum(), Is.EqualTo(target.Faults.Received));
            Assert.That(perDialect.Values, Has.All.GreaterThan(60), "each dialect's throttling burst alone is 60 requests");
            Assert.That(markdown, Does.Contain($"Requests sent: {target.Faults.Received} (aws-rest-v1 {perDialect[DialectNames.AwsRestV1]}, ncp {perDialect[DialectNames.Ncp]})"));
        });
    }
}
