using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.ReferenceTarget;
using StageConformance.Signing;
using static StageConformance.SelfTests.ReferenceTarget.Provisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget;

public sealed class WireBehaviourTests
{
    private RunningTarget target = null!;
    private TargetClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        target = await Emulator.StartAsync(new ReferenceTargetOptions());
        client = new TargetClient(target.BaseUrl);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        client.Dispose();
        await target.DisposeAsync();
    }

    [Test]
    public void The_target_listens_on_loopback_on_the_port_it_bound() =>
        Assert.That(
            (target.BaseUrl.Scheme, target.BaseUrl.Host, target.BaseUrl.Port > 0, target.BaseUrl.AbsolutePath),
            Is.EqualTo(("http", "127.0.0.1", true, "/")));

    [Test]
    public async Task An_unsigned_request_is_refused_with_403_and_creates_nothing()
    {
        var api = await CreateAsync(client);
        using var unsigned = new TargetClient(target.BaseUrl, credentials: null);

        var response = await Expect(unsigned.PostAsync(api.Stages, api.StageBody("unsigned")), HttpStatusCode.Forbidden);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("MissingAuthenticationTokenException", "Missing Authentication Token")));
        await Expect(client.GetAsync($"{api.Stages}/unsigned"), HttpStatusCode.NotFound);
    }

    [TestCase("test", "wrong-secret", "InvalidSignatureException")]
    [TestCase("unknown-key", "test", "UnrecognizedClientException")]
    public async Task A_badly_signed_request_is_refused_with_403(string accessKey, string secret, string errorType)
    {
        using var badly = new TargetClient(target.BaseUrl, new AwsCredentials(accessKey, secret));

        var response = await Expect(badly.GetAsync("/restapis"), HttpStatusCode.Forbidden);

        Assert.That(response.ErrorType, Is.EqualTo(errorType));
        Assert.That(response.Object.Select(m => m.Key), Is.EqualTo(new[] { "message" }));
    }

    [Test]
    public async Task Any_region_may_be_signed()
    {
        using var elsewhere = new TargetClient(target.BaseUrl, TargetClient.DefaultCredentials, "eu-west-1");

        await Expect(elsewhere.GetAsync("/restapis"), HttpStatusCode.OK);
    }

    [Test]
    public async Task Every_response_carries_a_request_id()
    {
        using var unsigned = new TargetClient(target.BaseUrl, credentials: null);
        var responses = new[] { await client.GetAsync("/restapis"), await client.GetAsync("/nowhere"), await unsigned.GetAsync("/restapis") };

        var ids = responses.Select(r => r.Headers["x-amzn-RequestId"]).ToList();

        Assert.That(ids, Has.All.Matches<string>(id => Guid.TryParse(id, out _)));
        Assert.That(ids, Is.Unique);
    }

    [TestCase("GET", "/nowhere")]
    [TestCase("PATCH", "/restapis")]
    [TestCase("GET", "/restapis/a/stages/b/c")]
    public async Task An_unknown_operation_is_404(string method, string path)
    {
        var response = await Expect(client.SendAsync(new HttpMethod(method), path), HttpStatusCode.NotFound);

        Assert.That((response.ErrorType, response.Message), Is.EqualTo(("NotFoundException", "Unknown operation")));
    }

    [Test]
    public async Task Requests_over_the_burst_are_throttled_per_access_key()
    {
        var credentials = new Dictionary<string, string> { ["test"] = "test", ["other"] = "other-secret" };
        await using var throttled = await Emulator.StartAsync(new ReferenceTargetOptions { Credentials = credentials, ThrottleBurst = 5, ThrottleRatePerSecond = 0.5 });
        using var first = new TargetClient(throttled.BaseUrl);
        using var second = new TargetClient(throttled.BaseUrl, new AwsCredentials("other", "other-secret"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => first.GetAsync("/restapis")));

        var tooMany = responses.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        Assert.That(responses.Count(r => r.Status == HttpStatusCode.OK), Is.InRange(5, 6));
        Assert.That(tooMany, Has.Count.EqualTo(20 - responses.Count(r => r.Status == HttpStatusCode.OK)));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tooMany[0].ErrorType, Is.EqualTo("TooManyRequestsException"));
            Assert.That(tooMany[0].Headers["Retry-After"], Is.EqualTo("1"));
            Assert.That(tooMany[0].Text, Is.EqualTo("""{"message":"Too Many Requests"}"""));
        }

        await Expect(second.GetAsync("/restapis"), HttpStatusCode.OK);
    }

    [Test]
    public async Task Throttling_comes_after_the_signature_check()
    {
        await using var throttled = await Emulator.StartAsync(new ReferenceTargetOptions { ThrottleBurst = 1, ThrottleRatePerSecond = 0.01 });
        using var signed = new TargetClient(throttled.BaseUrl);
        using var unsigned = new TargetClient(throttled.BaseUrl, credentials: null);

        await Expect(signed.GetAsync("/restapis"), HttpStatusCode.OK);

        await Expect(unsigned.GetAsync("/restapis"), HttpStatusCode.Forbidden);
        await Expect(signed.GetAsync("/restapis"), HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task Disposing_stops_the_server()
    {
        var running = await Emulator.StartAsync(new ReferenceTargetOptions());
        var port = running.BaseUrl.Port;

        await running.DisposeAsync();
        await running.DisposeAsync();

        using var socket = new TcpClient();
        Assert.That(async () => await socket.ConnectAsync(IPAddress.Loopback, port), Throws.InstanceOf<SocketException>());
    }

    [Test]
    public async Task Targets_keep_separate_state()
    {
        await using var other = await Emulator.StartAsync(new ReferenceTargetOptions());
        using var otherClient = new TargetClient(other.BaseUrl);
        var api = await CreateAsync(client);

        await Expect(otherClient.GetAsync($"/restapis/{api.ApiId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public void An_unknown_mutant_is_an_ArgumentException_listing_the_valid_ids() =>
        Assert.That(
            async () => await Emulator.StartAsync(new ReferenceTargetOptions { Mutant = "v1.nope" }),
            Throws.ArgumentException.With.Message.Contains("v1.nope").And.Message.Contains("v1.create.status").And.Message.Contains("v1.auth.signature"));

    [TestCase(-1, 1000, 200)]
    [TestCase(65536, 1000, 200)]
    [TestCase(0, 0, 200)]
    [TestCase(0, 1000, 0)]
    public void Options_out_of_range_are_an_ArgumentException(int port, double rate, int burst) =>
        Assert.That(
            async () => await Emulator.StartAsync(new ReferenceTargetOptions { Port = port, ThrottleRatePerSecond = rate, ThrottleBurst = burst }),
            Throws.ArgumentException);

    [Test]
    public async Task The_account_id_appears_in_not_found_messages()
    {
        await using var other = await Emulator.StartAsync(new ReferenceTargetOptions { AccountId = "000000000000" });
        using var otherClient = new TargetClient(other.BaseUrl);

        var response = await Expect(otherClient.PostAsync("/restapis/abc/stages", new JsonObject()), HttpStatusCode.NotFound);

        Assert.That(response.Message, Is.EqualTo("Invalid API identifier specified 000000000000:abc"));
    }
}
