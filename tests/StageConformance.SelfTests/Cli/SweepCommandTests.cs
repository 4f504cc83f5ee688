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
    public async Task Sweep_deletes_the_v2_apis_a_killed_run_left_and_nothing_else()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = new TargetClient(target.BaseUrl, new SigV4RequestSigner(SettingsLoader.LoopbackDefaultCredentials, "us-east-1", "apigateway"));
        // What a killed run leaves: its HTTP API and its WebSocket twin; beside them, another team's APIs.
        await client.SendAsync(HttpMethod.Post, "/v2/apis", new JsonObject { ["name"] = "stageconf-k1ll3d", ["protocolType"] = "HTTP" });
        await client.SendAsync(HttpMethod.Post, "/v2/apis", new JsonObject { ["name"] = "stageconf-k1ll3d-ws", ["protocolType"] = "WEBSOCKET", ["routeSelectionExpression"] = "$request.body.action" });
        await client.SendAsync(HttpMethod.Post, "/v2/apis", new JsonObject { ["name"] = "orders", ["protocolType"] = "HTTP" });
        await client.SendAsync(HttpMethod.Post, "/v2/apis", new JsonObject { ["name"] = "stageconf-prod-api", ["protocolType"] = "HTTP" });

        var (exit, output, error) = Sweep(target.BaseUrl.AbsoluteUri, DialectNames.AwsHttpV2);

        var left = ((await client.SendAsync(HttpMethod.Get, "/v2/apis")).ResponseJson()?["items"]?.AsArray() ?? [])
            .Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("aws-http-v2: 2 deleted, 0 left"));
        Assert.That(left, Is.EquivalentTo(new[] { "orders", "stageconf-prod-api" }));
    }

    [Test]
    public async Task Sweep_that_cannot_list_the_v2_apis_says_so_and_exits_1()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());

        // Under this base path nothing answers GetApis: a list that could not be read is not an empty one.
        var (exit, output, error) = Sweep(new Uri(target.BaseUrl, "/no-such-prefix/").AbsoluteUri, DialectNames.AwsHttpV2);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("the APIs could not be listed"));
        Assert.That(output, Does.Contain("aws-http-v2: 0 deleted, 1 left"));
    }

    private static (int Exit, string Output, string Error) Sweep(string baseUrl, string dialects)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using (new EnvironmentScope(new Dictionary<string, string?>
        {
            ["STAGECONF_BASE_URL"] = baseUrl,
            ["STAGECONF_DIALECTS"] = dialects,
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
        }))
        {
            var exit = CommandLine.Run(["sweep"], output, error);
            return (exit, output.ToString(), error.ToString());
        }
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
}
