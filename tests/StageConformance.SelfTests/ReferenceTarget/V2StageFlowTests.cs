using System.Net;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class V2StageFlowTests : SharedTargetFixture
{
    private const string IsoSecond = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";

    [Test]
    public async Task An_HTTP_API_is_created_read_and_deleted()
    {
        var created = await Expect(Client.PostAsync("/v2/apis", new JsonObject { ["name"] = "flow", ["protocolType"] = "HTTP", ["description"] = "d" }), HttpStatusCode.Created);
        var apiId = created.Object["apiId"]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(apiId, Does.Match("^[a-z0-9]{10}$"));
            Assert.That(created.Object["protocolType"]!.GetValue<string>(), Is.EqualTo("HTTP"));
            Assert.That(created.Object["createdDate"]!.GetValue<string>(), Does.Match(IsoSecond));
            Assert.That(created.Object["apiEndpoint"]!.GetValue<string>(), Is.EqualTo($"https://{apiId}.execute-api.us-east-1.amazonaws.com"));
        }

        var read = await Expect(Client.GetAsync($"/v2/apis/{apiId}"), HttpStatusCode.OK);
        Assert.That(read.Text, Is.EqualTo(created.Text));

        var deleted = await Expect(Client.DeleteAsync($"/v2/apis/{apiId}"), HttpStatusCode.NoContent);
        Assert.That(deleted.Text, Is.Empty);
        var gone = await Expect(Client.GetAsync($"/v2/apis/{apiId}"), HttpStatusCode.NotFound);
        Assert.That(gone.Json!.ToJsonString(), Is.EqualTo($$"""{"message":"Invalid API identifier specified 123456789012:{{apiId}}","resourceType":"Api"}"""));
        Assert.That(gone.ErrorType, Is.EqualTo("NotFoundException"));
    }

    [TestCase("""{"protocolType": "HTTP"}""", "Invalid API name specified: a name is required")]
    [TestCase("""{"name": "n"}""", "Invalid protocolType '': use HTTP or WEBSOCKET")]
    [TestCase("""{"name": "n", "protocolType": "REST"}""", "Invalid protocolType 'REST': use HTTP or WEBSOCKET")]
    [TestCase("""{"name": "n", "protocolType": "WEBSOCKET"}""", "A WebSocket API needs a routeSelectionExpression")]
    public async Task An_incomplete_CreateApi_is_400(string body, string message)
    {
        var response = await Expect(Client.SendAsync(HttpMethod.Post, "/v2/apis", body), HttpStatusCode.BadRequest);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("BadRequestException", message)));
    }

    [Test]
    public async Task A_deployment_needs_a_route_and_a_route_key_is_unique()
    {
        var api = await Expect(Client.PostAsync("/v2/apis", new JsonObject { ["name"] = "empty", ["protocolType"] = "HTTP" }), HttpStatusCode.Created);
        var apiId = api.Object["apiId"]!.GetValue<string>();

        var refused = await Expect(Client.PostAsync($"/v2/apis/{apiId}/deployments", new JsonObject()), HttpStatusCode.BadRequest);
        Assert.That(refused.Message, Is.EqualTo("Unable to deploy API because no routes exist in this API"));

        var route = await Expect(Client.PostAsync($"/v2/apis/{apiId}/routes", new JsonObject { ["routeKey"] = "$default" }), HttpStatusCode.Created);
        Assert.That(route.Object["routeKey"]!.GetValue<string>(), Is.EqualTo("$default"));
        await Expect(Client.PostAsync($"/v2/apis/{apiId}/routes", new JsonObject { ["routeKey"] = "$default" }), HttpStatusCode.Conflict);

        var deployment = await Expect(Client.PostAsync($"/v2/apis/{apiId}/deployments", new JsonObject { ["description"] = "first" }), HttpStatusCode.Created);
        Assert.That(deployment.Object.Select(m => m.Key), Is.EquivalentTo(new[] { "autoDeployed", "createdDate", "deploymentId", "deploymentStatus", "description" }));
    }

    [Test]
    public async Task A_stage_goes_through_create_get_list_and_delete()
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);

        var created = await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = "dev" }), HttpStatusCode.Created);
        var stage = created.Object;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stage.Select(m => m.Key), Is.EqualTo(new[] { "stageName", "defaultRouteSettings", "routeSettings", "stageVariables", "tags", "createdDate", "lastUpdatedDate" }));
            Assert.That(stage["defaultRouteSettings"]!.ToJsonString(), Is.EqualTo("""{"detailedMetricsEnabled":false}"""));
            Assert.That(stage["createdDate"]!.GetValue<string>(), Does.Match(IsoSecond));
            Assert.That(DateTimeOffset.Parse(stage["createdDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromSeconds(5)));
            Assert.That(stage["lastUpdatedDate"]!.GetValue<string>(), Is.EqualTo(stage["createdDate"]!.GetValue<string>()));
        }

        Assert.That((await Expect(Client.GetAsync(api.Stage("dev")), HttpStatusCode.OK)).Text, Is.EqualTo(created.Text));
        var listed = await Expect(Client.GetAsync(api.Stages), HttpStatusCode.OK);
        Assert.That(listed.Object.ToJsonString(), Is.EqualTo($$"""{"items":[{{created.Text}}]}"""));

        var deleted = await Expect(Client.DeleteAsync(api.Stage("dev")), HttpStatusCode.NoContent);
        Assert.That(deleted.Text, Is.Empty);
        var gone = await Expect(Client.GetAsync(api.Stage("dev")), HttpStatusCode.NotFound);
        Assert.That(gone.Json!.ToJsonString(), Is.EqualTo("""{"message":"Invalid stage identifier specified","resourceType":"Stage"}"""));
        await Expect(Client.DeleteAsync(api.Stage("dev")), HttpStatusCode.NotFound);
        Assert.That((await Client.GetAsync(api.Stages)).Text, Is.EqualTo("""{"items":[]}"""));
    }

    [Test]
    public async Task Every_member_sent_comes_back_and_is_read_back()
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);
        var body = new JsonObject
        {
            ["stageName"] = "full_1-x",
            ["description"] = "every member",
            ["deploymentId"] = api.DeploymentId,
            ["clientCertificateId"] = "cert01",
            ["defaultRouteSettings"] = new JsonObject { ["detailedMetricsEnabled"] = true, ["throttlingBurstLimit"] = 100, ["throttlingRateLimit"] = 50.5 },
            ["routeSettings"] = new JsonObject { ["$default"] = new JsonObject { ["throttlingBurstLimit"] = 10 } },
            ["stageVariables"] = new JsonObject { ["a_1"] = "A-Za-z0-9._~:/?#&=," },
            ["tags"] = new JsonObject { ["team"] = "conformance" },
            ["accessLogSettings"] = new JsonObject { ["destinationArn"] = "arn:aws:logs:us-east-1:123456789012:log-group:x", ["format"] = "$context.requestId" },
        };

        var created = (await Expect(api.CreateStageAsync(Client, body), HttpStatusCode.Created)).Object;

        foreach (var (member, value) in body)
        {
            Assert.That(created[member]?.ToJsonString(), Is.EqualTo(value!.ToJsonString()), member);
        }

        Assert.That((await Expect(Client.GetAsync(api.Stage("full_1-x")), HttpStatusCode.OK)).Object.ToJsonString(), Is.EqualTo(created.ToJsonString()));
    }

    [Test]
    public async Task A_WebSocket_stage_logs_nothing_by_default_and_takes_a_loggingLevel()
    {
        var api = await V2Provisioned.CreateWebSocketAsync(Client);

        var plain = await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = "plain" }), HttpStatusCode.Created);
        var logging = await Expect(api.CreateStageAsync(Client, new JsonObject
        {
            ["stageName"] = "logging",
            ["defaultRouteSettings"] = new JsonObject { ["loggingLevel"] = "INFO" },
            ["routeSettings"] = new JsonObject { ["$default"] = new JsonObject { ["loggingLevel"] = "ERROR" } },
        }), HttpStatusCode.Created);

        Assert.That(plain.Object["defaultRouteSettings"]!.ToJsonString(), Is.EqualTo("""{"dataTraceEnabled":false,"detailedMetricsEnabled":false,"loggingLevel":"OFF"}"""));
        Assert.That(logging.Object["defaultRouteSettings"]!["loggingLevel"]!.GetValue<string>(), Is.EqualTo("INFO"));
        Assert.That(logging.Object["routeSettings"]!.ToJsonString(), Is.EqualTo("""{"$default":{"loggingLevel":"ERROR"}}"""));
    }

    [Test]
    public async Task The_default_stage_is_addressed_as_percent_24_default()
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);

        await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = "$default" }), HttpStatusCode.Created);

        Assert.That((await Expect(Client.GetAsync($"{api.Stages}/%24default"), HttpStatusCode.OK)).Object["stageName"]!.GetValue<string>(), Is.EqualTo("$default"));
        await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = "$default" }), HttpStatusCode.Conflict);
        await Expect(Client.DeleteAsync($"{api.Stages}/%24default"), HttpStatusCode.NoContent);
        await Expect(Client.GetAsync($"{api.Stages}/%24default"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task GetStages_pages_in_name_order_with_an_opaque_token_and_no_token_on_the_last_page()
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);
        foreach (var name in new[] { "e", "c", "a", "d", "b" })
        {
            await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = name }), HttpStatusCode.Created);
        }

        var pages = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = (await Expect(Client.GetAsync($"{api.Stages}?maxResults=2" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token))), HttpStatusCode.OK)).Object;
            pages.Add(page);
            token = page["nextToken"]?.GetValue<string>();
            Assert.That(token, Is.Null.Or.Not.EqualTo("b").And.Not.EqualTo("d").And.Not.EqualTo("2").And.Not.EqualTo("4"), "the token is opaque");
        }
        while (token is not null);

        Assert.That(pages.Select(p => string.Join(",", p["items"]!.AsArray().Select(i => i!["stageName"]!.GetValue<string>()))), Is.EqualTo(new[] { "a,b", "c,d", "e" }));
        Assert.That(pages.Select(p => p.ContainsKey("nextToken")), Is.EqualTo(new[] { true, true, false }));
    }

    [Test]
    public async Task A_walk_survives_a_deletion_between_pages()
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Expect(api.CreateStageAsync(Client, new JsonObject { ["stageName"] = name }), HttpStatusCode.Created);
        }

        var first = (await Expect(Client.GetAsync($"{api.Stages}?maxResults=1"), HttpStatusCode.OK)).Object;
        await Expect(Client.DeleteAsync(api.Stage("a")), HttpStatusCode.NoContent);
        var second = (await Expect(Client.GetAsync($"{api.Stages}?maxResults=5&nextToken={first["nextToken"]}"), HttpStatusCode.OK)).Object;

        Assert.That(second.ToJsonString(), Does.Contain("\"stageName\":\"b\"").And.Contain("\"stageName\":\"c\"").And.Not.Contain("nextToken"));
    }

    [TestCase("maxResults=0")]
    [TestCase("maxResults=-1")]
    [TestCase("maxResults=notanumber")]
    [TestCase("maxResults=1.5")]
    [TestCase("nextToken=not-a-token")]
    [TestCase("nextToken=%21%21")]
    public async Task A_bad_page_parameter_is_400(string query)
    {
        var api = await V2Provisioned.CreateHttpAsync(Client);

        var response = await Expect(Client.GetAsync($"{api.Stages}?{query}"), HttpStatusCode.BadRequest);

        Assert.That(response.ErrorType, Is.EqualTo("BadRequestException"));
    }

    [Test]
    public async Task Unknown_api_is_404_with_its_resource_type_for_every_stage_operation()
    {
        foreach (var response in new[]
        {
            await Client.PostAsync("/v2/apis/nosuchapi0/stages", new JsonObject { ["stageName"] = "s" }),
            await Client.GetAsync("/v2/apis/nosuchapi0/stages"),
            await Client.GetAsync("/v2/apis/nosuchapi0/stages/s"),
            await Client.DeleteAsync("/v2/apis/nosuchapi0/stages/s"),
        })
        {
            Assert.That((response.Status, response.ErrorType, response.Json?["resourceType"]?.GetValue<string>()), Is.EqualTo((HttpStatusCode.NotFound, "NotFoundException", "Api")), response.ToString());
        }
    }

    [Test]
    public async Task REST_and_HTTP_APIs_share_the_port_but_not_their_ids()
    {
        var rest = await CreateAsync(Client);
        var http = await V2Provisioned.CreateHttpAsync(Client);

        await Expect(Client.GetAsync($"/v2/apis/{rest.ApiId}"), HttpStatusCode.NotFound);
        await Expect(Client.GetAsync($"/restapis/{http.ApiId}"), HttpStatusCode.NotFound);
        await Expect(rest.CreateStageAsync(Client, rest.StageBody("same")), HttpStatusCode.Created);
        await Expect(http.CreateStageAsync(Client, new JsonObject { ["stageName"] = "same" }), HttpStatusCode.Created);
    }

    [TestCase("v2.auth.signature", "/v2/apis", "/restapis")]
    [TestCase("v1.auth.signature", "/restapis", "/v2/apis")]
    public async Task A_signature_mutant_leaves_the_other_API_family_checked(string mutant, string signatureIgnored, string signatureChecked)
    {
        await using var mutated = await Emulator.StartAsync(new ReferenceTargetOptions { Mutant = mutant });
        using var unsigned = new TargetClient(mutated.BaseUrl, credentials: null);

        Assert.That((await unsigned.PostAsync(signatureIgnored, new JsonObject { ["name"] = "n", ["protocolType"] = "HTTP" })).Status, Is.EqualTo(HttpStatusCode.Created));
        await Expect(unsigned.PostAsync(signatureChecked, new JsonObject { ["name"] = "n", ["protocolType"] = "HTTP" }), HttpStatusCode.Forbidden);
    }

    [TestCase("v2.errors.encoding", "/v2/apis/nosuchapi0", "/restapis/nosuchapi0")]
    [TestCase("v1.errors.encoding", "/restapis/nosuchapi0", "/v2/apis/nosuchapi0")]
    public async Task An_error_encoding_mutant_leaves_the_other_API_family_encoded(string mutant, string deviating, string faithful)
    {
        await using var mutated = await Emulator.StartAsync(new ReferenceTargetOptions { Mutant = mutant });
        using var mutatedClient = new TargetClient(mutated.BaseUrl);

        var broken = await Expect(mutatedClient.GetAsync(deviating), HttpStatusCode.NotFound);
        var intact = await Expect(mutatedClient.GetAsync(faithful), HttpStatusCode.NotFound);

        Assert.That((broken.ErrorType, broken.Json!["__type"]?.GetValue<string>()), Is.EqualTo(((string?)null, "NotFoundException")));
        Assert.That((intact.ErrorType, intact.Json!["__type"]), Is.EqualTo(("NotFoundException", (JsonNode?)null)));
    }
}
