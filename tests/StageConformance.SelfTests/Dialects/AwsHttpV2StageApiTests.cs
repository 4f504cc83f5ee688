using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Dialects.AwsHttpV2;
using StageConformance.Http;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Dialects;

/// <summary>The v2 adapter against the embedded target: what it provisions, where it sends stages, how it lists and cleans up.</summary>
public sealed class AwsHttpV2StageApiTests
{
    private EmbeddedTarget target = null!;
    private TargetClient client = null!;
    private AwsHttpV2StageApi api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        target = await EmbeddedTarget.StartAsync(mutant: null);
        client = new TargetClient(target.Endpoint.BaseUrl, new SigV4RequestSigner(EmbeddedTarget.Checks, "us-east-1", "apigateway"));
        api = new AwsHttpV2StageApi(client, "t1", DialectContract.Load(DialectNames.AwsHttpV2).Request);
        await api.ProvisionAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await api.CleanupAsync(CancellationToken.None);
        client.Dispose();
        await target.DisposeAsync();
    }

    [Test]
    public async Task Provisioning_makes_an_HTTP_and_a_WebSocket_API_named_after_the_run_and_cleanup_deletes_both()
    {
        foreach (var stage in new[] { Body("plain"), Body("logs", new JsonObject { ["loggingLevel"] = "ERROR" }) })
        {
            await api.CreateStageAsync(stage);
        }

        var httpApi = await client.SendAsync(HttpMethod.Get, $"/v2/apis/{api.HttpApiId}");
        Assert.That((httpApi.ResponseJson()!["name"]!.GetValue<string>(), httpApi.ResponseJson()!["protocolType"]!.GetValue<string>()), Is.EqualTo(("stageconf-t1", "HTTP")));
        var listed = await api.ListStagesAsync();
        Assert.That(api.StageNamesOf(listed), Is.EquivalentTo(new[] { "plain", "logs" }));

        var leftovers = await api.CleanupAsync(CancellationToken.None);

        Assert.That(leftovers, Is.Empty);
        Assert.That((await client.SendAsync(HttpMethod.Get, $"/v2/apis/{httpApi.ResponseJson()!["apiId"]}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task A_member_only_WebSocket_APIs_take_sends_the_stage_there_and_later_calls_follow_it()
    {
        var created = await api.CreateStageAsync(Body("ws", new JsonObject { ["loggingLevel"] = "INFO" }));

        Assert.That(created.Status, Is.EqualTo(201), created.ResponseBody);
        Assert.That(created.Url.AbsolutePath, Does.Not.Contain(api.HttpApiId));
        Assert.That((await api.GetStageAsync("ws")).Status, Is.EqualTo(200));
        Assert.That((await api.DeleteStageAsync("ws")).Status, Is.EqualTo(204));
    }

    [Test]
    public void A_case_needing_the_WebSocket_API_and_the_HTTP_deployment_says_nothing()
    {
        var body = Body("both", new JsonObject { ["loggingLevel"] = "INFO" });
        body["deploymentId"] = api.Existing("deployment");

        Assert.That(async () => await api.CreateStageAsync(body), Throws.InstanceOf<CheckSkipped>());
    }

    [Test]
    public async Task The_default_stage_travels_as_percent_24_default()
    {
        await api.CreateStageAsync(new JsonObject { ["stageName"] = "$default" });

        var read = await api.GetStageAsync("$default");
        var deleted = await api.DeleteStageAsync("$default");

        Assert.That((read.Status, deleted.Status), Is.EqualTo((200, 204)));
        Assert.That(read.Url.AbsoluteUri, Does.EndWith("/stages/%24default"));
        Assert.That(deleted.Url.AbsoluteUri, Does.EndWith("/stages/%24default"));
    }

    [Test]
    public async Task Listing_walks_every_page()
    {
        var names = Enumerable.Range(0, 27).Select(i => $"s{i:00}").ToList();
        foreach (var name in names)
        {
            await api.CreateStageAsync(Body(name));
        }

        var listed = await api.ListStagesAsync();

        Assert.That((await api.GetStagesPageAsync("")).ResponseJson()!["nextToken"], Is.Not.Null, "more stages than one default page holds");
        Assert.That(api.StageNamesOf(listed), Is.EquivalentTo(names));
    }

    private static JsonObject Body(string name, JsonObject? defaultRouteSettings = null)
    {
        var body = new JsonObject { ["stageName"] = name };
        if (defaultRouteSettings is not null)
        {
            body["defaultRouteSettings"] = defaultRouteSettings;
        }

        return body;
    }
}
