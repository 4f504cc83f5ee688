using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Dialects.Ncp;
using StageConformance.Http;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Dialects;

public sealed class NcpStageApiTests
{
    [Test]
    public async Task Names_reach_the_stage_by_its_id_and_a_name_never_created_reads_as_404()
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        using var client = new TargetClient(target.Endpoint.BaseUrl, new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t1");
        await api.ProvisionAsync(CancellationToken.None);

        var created = await api.CreateStageAsync(Body("alpha", "first"));
        var stageId = api.StageOf(created)!["stageId"]!.GetValue<string>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await api.GetStageAsync("alpha")).Url.AbsolutePath, Does.EndWith("/stages/" + stageId));
            Assert.That((await api.GetStageAsync("never-created")).Status, Is.EqualTo(404));
            Assert.That((await api.DeleteStageAsync("alpha")).Status, Is.EqualTo(204));
            Assert.That((await api.GetStageAsync("alpha")).Status, Is.EqualTo(404));
            Assert.That((await api.DeleteStageAsync("alpha")).Status, Is.EqualTo(404));
        }
    }

    [Test]
    public async Task A_name_the_adapter_did_not_create_is_found_in_the_stage_list()
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        using var client = new TargetClient(target.Endpoint.BaseUrl, new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t2");
        await api.ProvisionAsync(CancellationToken.None);
        var stagesPath = (await api.ListStagesAsync()).Url.AbsolutePath;
        await client.SendAsync(HttpMethod.Post, stagesPath, Body("beta", "elsewhere"));

        var read = await api.GetStageAsync("beta");

        Assert.That(api.StageOf(read)?["response"]?.GetValue<string>(), Is.EqualTo("elsewhere"), read.Summary);
    }

    [Test]
    public async Task When_a_target_accepts_a_duplicate_name_the_name_keeps_meaning_the_first_stage()
    {
        await using var target = await EmbeddedTarget.StartAsync("ncp.duplicate.rejected");
        using var client = new TargetClient(target.Endpoint.BaseUrl, new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t3");
        await api.ProvisionAsync(CancellationToken.None);

        await api.CreateStageAsync(Body("gamma", "first"));
        Assert.That((await api.CreateStageAsync(Body("gamma", "second"))).Status, Is.EqualTo(201));

        Assert.That(api.StageOf(await api.GetStageAsync("gamma"))!["response"]!.GetValue<string>(), Is.EqualTo("first"));
    }

    [Test]
    public async Task Cleanup_deletes_every_listed_stage_then_the_API_then_the_product()
    {
        await using var target = await EmbeddedTarget.StartAsync("ncp.duplicate.rejected");
        using var client = new TargetClient(target.Endpoint.BaseUrl, new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t4");
        await api.ProvisionAsync(CancellationToken.None);
        var created = await api.CreateStageAsync(Body("delta", "first"));
        await api.CreateStageAsync(Body("delta", "second"));
        var stagesPath = created.Url.AbsolutePath;
        var productPath = stagesPath[..stagesPath.IndexOf("/apis/", StringComparison.Ordinal)];

        var leftovers = await api.CleanupAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(leftovers, Is.Empty);
            Assert.That((await client.SendAsync(HttpMethod.Get, stagesPath)).Status, Is.EqualTo(404), "the API is gone");
            Assert.That((await client.SendAsync(HttpMethod.Delete, productPath)).Status, Is.EqualTo(404), "the product is gone");
        }
    }

    private static JsonObject Body(string name, string response) =>
        new() { ["stageName"] = name, ["endpointDomain"] = "https://example.com", ["response"] = response };
}
