using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Cli;
using StageConformance.Configuration;
using StageConformance.Http;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Cli;

/// <summary>`stageconf sweep` deletes what earlier runs left, by the suite's naming, and nothing else.</summary>
[NonParallelizable]
public sealed class SweepCommandTests
{
    [Test]
    public async Task Sweep_deletes_only_resources_named_like_a_run()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = new TargetClient(target.BaseUrl, new SigV4RequestSigner(SettingsLoader.LoopbackDefaultCredentials, "us-east-1", "apigateway"));
        foreach (var name in new[] { "stageconf-ab12cd", "stageconf-prod-api", "stageconf-ab12cd-extra", "orders", "stageconf-" })
        {
            await client.SendAsync(HttpMethod.Post, "/restapis", new JsonObject { ["name"] = name });
        }

        var output = new StringWriter();
        var error = new StringWriter();
        int exit;
        using (new EnvironmentScope(new Dictionary<string, string?>
        {
            ["STAGECONF_BASE_URL"] = target.BaseUrl.AbsoluteUri,
            ["STAGECONF_DIALECTS"] = DialectNames.AwsRestV1,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
        }))
        {
            exit = CommandLine.Run(["sweep"], output, error);
        }

        var left = ((await client.SendAsync(HttpMethod.Get, "/restapis")).ResponseJson()?["item"]?.AsArray() ?? [])
            .Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.That(exit, Is.Zero, error.ToString());
        Assert.That(output.ToString(), Does.Contain("1 deleted"));
        Assert.That(left, Is.EquivalentTo(new[] { "stageconf-prod-api", "stageconf-ab12cd-extra", "orders", "stageconf-" }));
    }

    [Test]
    public void Sweep_without_a_target_stops_with_one_line()
    {
        var error = new StringWriter();
        int exit;
        using (new EnvironmentScope(new Dictionary<string, string?> { ["STAGECONF_BASE_URL"] = null, ["STAGECONF_DIALECTS"] = null }))
        {
            exit = CommandLine.Run(["sweep"], new StringWriter(), error);
        }

        Assert.That(exit, Is.EqualTo(CommandLine.BadInput));
        Assert.That(error.ToString(), Does.Contain("STAGECONF_BASE_URL"));
    }

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> saved = [];

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                saved[name] = Environment.GetEnvironmentVariable(name);
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
