using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Running;

/// <summary>
/// Provisioning and cleanup are not under test: a target that answers them as an emulator does (200
/// for 201, an operation it lacks, a refusal of a call it carried out) gets verdicts, observations in
/// the report, skips naming the missing operation, and nothing of the run left behind.
/// </summary>
public sealed class EmulatorTargetTests
{
    private static readonly string[] AwsDialects = [DialectNames.AwsRestV1, DialectNames.AwsHttpV2];

    [Test]
    public async Task Moto_like_answers_around_the_checks_are_observations_and_a_missing_operation_skips_only_what_needs_it()
    {
        await using var reference = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        await using var target = await EmulatorLikeTarget.StartAsync(reference.BaseUrl, EmulatorLikeTarget.MotoLike);

        var (results, observations, leftovers) = await RunAsync(target.BaseUrl);

        Assert.That(results.Where(r => r.Outcome is Outcome.Failed or Outcome.Error).Select(r => $"{r.Id}: {r.Reason ?? r.Observed}"), Is.Empty,
            "the stage operations are faithful: nothing else may fail");
        var skippedForDeployment = results.Where(r => r.Outcome == Outcome.Skipped && r.Reason?.Contains("lacks CreateDeployment (HTTP)", StringComparison.Ordinal) == true).ToList();
        Assert.That(skippedForDeployment, Is.Not.Empty, "the checks that need a v2 deployment are skipped, naming the missing operation");
        Assert.That(skippedForDeployment.Select(r => r.Dialect).Distinct(), Is.EqualTo(new[] { DialectNames.AwsHttpV2 }));
        Assert.That(results.Count(r => r.Dialect == DialectNames.AwsHttpV2 && r.Outcome == Outcome.Passed), Is.GreaterThan(skippedForDeployment.Count), "every other v2 check still runs");
        Assert.That(observations, Has.Some.Contains("CreateRestApi answered 200 where the service answers 201"));
        Assert.That(observations, Has.Some.Contains("DeleteApi answered 200 where the service answers 204"));
        Assert.That(leftovers, Is.Empty);
        Assert.That(await RunApisAsync(reference.BaseUrl), Is.Empty);
    }

    [Test]
    public async Task An_api_whose_create_was_refused_but_made_is_deleted_and_the_other_dialect_still_runs()
    {
        await using var reference = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        await using var target = await EmulatorLikeTarget.StartAsync(reference.BaseUrl,
            (method, path, status) => (method == "POST" && path == "/v2/apis" ? 400 : null, false));

        var (results, _, leftovers) = await RunAsync(target.BaseUrl);

        var v2 = results.Where(r => r.Dialect == DialectNames.AwsHttpV2).ToList();
        Assert.That(v2.Where(r => r.Outcome == Outcome.Error).Select(r => r.Reason), Has.All.StartsWith("provisioning failed: CreateApi"));
        Assert.That(v2.Where(r => r.Outcome is Outcome.Failed or Outcome.Passed).Select(r => r.Id), Has.All.Contains("unknown-parent"),
            "only a check that needs no API of the run gets a verdict");
        Assert.That(results.Where(r => r.Dialect == DialectNames.AwsRestV1 && r.Outcome is Outcome.Failed or Outcome.Error), Is.Empty);
        Assert.That(leftovers, Is.Empty);
        Assert.That(await RunApisAsync(reference.BaseUrl), Is.Empty, "the APIs the refused creates made are deleted too");
    }

    private static async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<string> Observations, IReadOnlyList<string> Leftovers)> RunAsync(Uri baseUrl)
    {
        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { ["baseUrl"] = baseUrl.AbsoluteUri, ["dialects"] = string.Join(',', AwsDialects) },
            new Dictionary<string, string>
            {
                ["STAGECONF_REPORT_DIR"] = Path.Combine(Path.GetTempPath(), "stageconf-emulator-" + Guid.NewGuid().ToString("N")),
                ["STAGECONF_PROPERTY_CASES"] = "5",
            });
        var session = await ConformanceSession.StartAsync(settings, new TargetEndpoint(baseUrl, new TargetCredentials(settings.AwsCredentials)));
        await using (session)
        {
            foreach (var check in AwsDialects.SelectMany(CheckCatalogue.For))
            {
                await session.RunAsync(check);
            }
        }

        return (session.Results, session.Observations, session.Leftovers);
    }

    /// <summary>The run's APIs of both families still on the reference target (it holds nothing else).</summary>
    private static async Task<IReadOnlyList<string>> RunApisAsync(Uri reference)
    {
        using var client = new TargetClient(reference, new SigV4RequestSigner(SettingsLoader.LoopbackDefaultCredentials, "us-east-1", "apigateway"));
        var v1 = (await client.SendAsync(HttpMethod.Get, "/restapis")).ResponseJson()?["item"] as JsonArray ?? [];
        var v2 = (await client.SendAsync(HttpMethod.Get, "/v2/apis")).ResponseJson()?["items"] as JsonArray ?? [];
        return [.. v1.Concat(v2).Select(a => a!.ToJsonString())];
    }
}
