using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.SelfTests.Checks;

/// <summary>A property failure prints a shrunk counterexample and a replay setting, and the setting reproduces it.</summary>
public sealed class PropertyReplayTests
{
    [Test]
    public async Task The_printed_replay_reproduces_the_shrunk_counterexample()
    {
        // The echo mutant drops `description`: only generated requests that carry one fail, so finding it takes a seed.
        var first = await RunValidRequestsProperty(replay: null);
        Assert.That(first.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(first.Requirement, Is.EqualTo("v1.echo"));
        Assert.That(first.Counterexample, Does.Contain("description"));
        Assert.That(first.Replay, Does.StartWith("STAGECONF_REPLAY="));

        var setting = first.Replay!["STAGECONF_REPLAY=".Length..].Trim('\'');
        var replayed = await RunValidRequestsProperty(setting[(setting.IndexOf('=') + 1)..]);

        Assert.That(replayed.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(WithoutDeploymentIds(replayed.Counterexample), Is.EqualTo(WithoutDeploymentIds(first.Counterexample)));
    }

    [Test]
    public void Replay_text_round_trips()
    {
        Assert.That(PropertyReplay.TryParse("12,35,5", out var replay), Is.True);
        Assert.That(PropertyReplay.Format(replay!.Rnd, replay.Size.Value), Is.EqualTo("12,35,5"));
        Assert.That(PropertyReplay.TryParse("12,35", out _), Is.False);
        Assert.That(PropertyReplay.TryParse("12,34,5", out _), Is.False, "FsCheck's gamma is odd");
    }

    // Each run provisions its own deployment; the generated request is otherwise the same.
    private static string? WithoutDeploymentIds(string? text) =>
        text is null ? null : System.Text.RegularExpressions.Regex.Replace(text, "\"deploymentId\":\"[^\"]*\"", "\"deploymentId\":\"*\"");

    private static async Task<CheckResult> RunValidRequestsProperty(string? replay)
    {
        await using var target = await EmbeddedTarget.StartAsync("v1.echo");
        var check = CheckCatalogue.For(DialectNames.AwsRestV1).Single(c => c.Id == "v1.create.status/property:valid-requests");
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()) with
        {
            PropertyCases = 50,
            Replays = replay is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [check.Id] = replay },
        };
        await using var session = await ConformanceSession.StartAsync(settings, target.Endpoint);
        session.WriteReport = false;
        return await session.RunAsync(check);
    }
}
