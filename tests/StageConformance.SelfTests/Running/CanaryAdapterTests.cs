using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Checks.AwsRestV1;
using StageConformance.Configuration;
using StageConformance.Dialects.AwsRestV1;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Running;

public sealed class CanaryAdapterTests
{
    [Test]
    public async Task CreateDeployment_calls_are_spaced_and_the_canary_deployment_is_made_once()
    {
        var spacing = TimeSpan.FromMilliseconds(400);
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        using var client = new TargetClient(target.Endpoint.BaseUrl, new SigV4RequestSigner(EmbeddedTarget.Checks, "us-east-1", "apigateway"));
        await using var api = new AwsRestV1StageApi(client, "spacing", spacing);
        await api.ProvisionAsync(CancellationToken.None);

        var watch = Stopwatch.StartNew();
        var canary = await api.CanaryDeploymentAsync();
        var first = watch.Elapsed;
        var again = await api.CanaryDeploymentAsync();
        var plain = await api.CreateDeploymentAsync(new JsonObject());
        var second = watch.Elapsed;

        Assert.That(again, Is.EqualTo(canary));
        Assert.That(canary, Is.Not.EqualTo(api.Existing("deployment")));
        Assert.That(plain.Status, Is.EqualTo(201));
        Assert.That(first, Is.GreaterThanOrEqualTo(spacing * 0.9));
        Assert.That(second - first, Is.GreaterThanOrEqualTo(spacing * 0.9));
        await api.CleanupAsync(CancellationToken.None);
    }

    [TestCase("http://127.0.0.1:5000", 0)]
    [TestCase("https://apigateway.us-east-1.amazonaws.com", 5)]
    public async Task CreateDeployment_is_spaced_5_s_apart_only_against_a_host_not_on_this_machine(string url, int seconds)
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with { BaseUrl = new Uri(url) };
        using var client = new TargetClient(target.Endpoint.BaseUrl, new SigV4RequestSigner(EmbeddedTarget.Checks, "us-east-1", "apigateway"));
        var api = (AwsRestV1StageApi)global::StageConformance.Dialects.DialectRegistry.CreateApi(DialectNames.AwsRestV1, client, settings);
        await using (api)
        {
            await api.ProvisionAsync(CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await api.CreateDeploymentAsync(new JsonObject());
            var elapsed = watch.Elapsed;
            await api.CleanupAsync(CancellationToken.None);

            Assert.That(settings.Kind, Is.EqualTo(seconds == 0 ? TargetKind.Loopback : TargetKind.Remote));
            Assert.That(elapsed, seconds == 0 ? Is.LessThan(TimeSpan.FromSeconds(2)) : Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(seconds * 0.9)));
        }
    }

    [Test]
    public async Task A_run_whose_canary_checks_fail_still_leaves_nothing_on_the_target()
    {
        // This deviation makes a rejected canary deployment create a stage the suite never asked for.
        await using var target = await EmbeddedTarget.StartAsync(CanaryRequirements.DeployStageExists);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with { PropertyCases = 5 };
        IReadOnlyList<CheckResult> results;
        await using (var session = await ConformanceSession.StartAsync(settings, target.Endpoint))
        {
            session.WriteReport = false;
            foreach (var check in CheckCatalogue.For(DialectNames.AwsRestV1))
            {
                await session.RunAsync(check);
            }

            results = session.Results;
        }

        using var client = new TargetClient(target.Endpoint.BaseUrl, new SigV4RequestSigner(EmbeddedTarget.Checks, "us-east-1", "apigateway"));
        var apis = await client.SendAsync(HttpMethod.Get, "/restapis");
        Assert.That(results.Where(r => r.Outcome == Outcome.Failed).Select(r => r.Requirement).Distinct(), Is.EqualTo(new[] { CanaryRequirements.DeployStageExists }));
        Assert.That(apis.ResponseJson()!["item"]!.AsArray(), Is.Empty, apis.ResponseBody);
    }
}
