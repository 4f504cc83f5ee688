using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.Infrastructure;
using StageConformance.Reporting;
using StageConformance.Running;

namespace StageConformance.SelfTests.WireMock;

/// <summary>
/// The WireMock target on every <c>dotnet test</c>, without Java: WireMock.Net in-process serves
/// <c>fixtures/wiremock/mappings</c>, the suite runs against it (every dialect) gated by <c>fixtures/wiremock/expectations.json</c>,
/// and every check ends as it did in the real run of the Java WireMock on the same files (wiremock-run.json).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WireMockNetTargetTests
{
    private static readonly string Fixture = Path.Combine(RepositoryPaths.Fixtures, "wiremock");

    private IReadOnlyList<CheckResult> results = [];

    [OneTimeSetUp]
    public async Task RunTheSuiteAgainstWireMockNet()
    {
        using var server = JavaMappings.Start(Path.Combine(Fixture, "mappings"));
        var baseUrl = new Uri(server.Url!);
        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { ["baseUrl"] = baseUrl.AbsoluteUri, ["dialects"] = string.Join(",", DialectNames.Implemented) },
            new Dictionary<string, string>
            {
                ["STAGECONF_CATEGORIES"] = "throttling",
                ["STAGECONF_REPORT_DIR"] = Path.Combine(Path.GetTempPath(), "stageconf-wiremock-net-" + Guid.NewGuid().ToString("N")),
            });

        await using var session = await ConformanceSession.StartAsync(settings, new TargetEndpoint(baseUrl, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials)));
        foreach (var check in DialectNames.Implemented.SelectMany(CheckCatalogue.For))
        {
            await session.RunAsync(check);
        }

        results = session.Results.ToList();
    }

    [Test]
    public void The_run_is_green_with_the_fixture_expectations()
    {
        var expectations = ExpectationsFile.Load(Path.Combine(Fixture, "expectations.json"), KnownIds.Current(), DateOnly.FromDateTime(DateTime.UtcNow));

        var gate = ExpectationGate.Summarize(results, expectations);

        Assert.That(gate.Passed, string.Join("\n", gate.Lines()));
        Assert.That(gate.UnexpectedPasses.Select(e => e.Key), Is.Empty, "every expectation still describes the run");
    }

    [Test]
    public void Every_check_ends_as_in_the_run_of_the_Java_WireMock_on_the_same_files()
    {
        var java = ReportFile.Load(Path.Combine(RepositoryPaths.Root, "tests", "StageConformance.SelfTests", "Expectations", "wiremock-run.json")).Results
            .ToDictionary(r => r.Id, r => r.Outcome);
        var net = results.ToDictionary(r => r.Id, r => r.Outcome);

        var differences = java.Keys.Union(net.Keys).Order(StringComparer.Ordinal)
            .Where(id => !java.TryGetValue(id, out var a) || !net.TryGetValue(id, out var b) || a != b)
            .Select(id => $"{id}: Java {(java.TryGetValue(id, out var a) ? a : "absent")}, WireMock.Net {(net.TryGetValue(id, out var b) ? b : "absent")}"
                + (results.FirstOrDefault(r => r.Id == id) is { } r ? $" ({r.Observed ?? r.Reason})" : ""));
        Assert.That(differences, Is.Empty);
    }
}
