using System.Net;
using NUnit.Framework;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.SelfTests.Signing;
using StageConformance.Signing;
using static StageConformance.SelfTests.ReferenceTarget.Ncp.NcpProvisioned;
using Emulator = StageConformance.ReferenceTarget.ReferenceTarget;

namespace StageConformance.SelfTests.ReferenceTarget.Ncp;

public sealed class NcpWireBehaviourTests
{
    private RunningTarget target = null!;
    private NcpClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        target = await Emulator.StartAsync(new ReferenceTargetOptions());
        client = new NcpClient(target.BaseUrl);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        client.Dispose();
        await target.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> Unauthenticated()
    {
        yield return new TestCaseData(null, TimeSpan.Zero).SetArgDisplayNames("unsigned");
        yield return new TestCaseData(new NcpCredentials("test", "wrong-secret"), TimeSpan.Zero).SetArgDisplayNames("wrong secret");
        yield return new TestCaseData(new NcpCredentials("unknown-key", "test"), TimeSpan.Zero).SetArgDisplayNames("unknown access key");
        yield return new TestCaseData(NcpClient.DefaultCredentials, TimeSpan.FromMinutes(-6)).SetArgDisplayNames("timestamp 6 minutes old");
        yield return new TestCaseData(NcpClient.DefaultCredentials, TimeSpan.FromMinutes(6)).SetArgDisplayNames("timestamp 6 minutes ahead");
    }

    [TestCaseSource(nameof(Unauthenticated))]
    public async Task A_request_without_a_valid_signature_is_a_401_in_the_nested_gateway_shape(NcpCredentials? credentials, TimeSpan clockOffset)
    {
        var api = await CreateAsync(client);
        using var other = new NcpClient(target.BaseUrl, credentials, clockOffset);

        var response = await Expect(other.PostAsync(api.Stages, StageBody("refused")), HttpStatusCode.Unauthorized);

        Assert.That(response.Object.Select(m => m.Key), Is.EqualTo(new[] { "error" }));
        Assert.That(response.Object["error"]!.AsObject().Select(m => m.Key), Is.EqualTo(new[] { "errorCode", "message", "details" }));
        Assert.That(response.Object["error"]!["errorCode"]!.GetValue<string>(), Is.EqualTo("200"));
        Assert.That((await Expect(client.GetAsync(api.Stages), HttpStatusCode.OK)).Object["stages"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task An_access_key_over_its_rate_is_a_429_in_the_nested_gateway_shape()
    {
        await using var throttled = await Emulator.StartAsync(new ReferenceTargetOptions { ThrottleRatePerSecond = 0.01, ThrottleBurst = 1 });
        using var throttledClient = new NcpClient(throttled.BaseUrl);

        await Expect(throttledClient.PostAsync("/api/v1/products", new System.Text.Json.Nodes.JsonObject { ["productName"] = "p", ["subscriptionCode"] = "PUBLIC" }), HttpStatusCode.Created);
        var response = await Expect(throttledClient.GetAsync("/api/v1/products/zzzzzzzzzz/apis/zzzzzzzzzz/stages"), HttpStatusCode.TooManyRequests);

        Assert.That(response.Object["error"]!["errorCode"]!.GetValue<string>(), Is.EqualTo("410"));
    }

    [Test]
    public async Task The_reproducer_of_a_signed_create_creates_the_stage()
    {
        Assume.That(File.Exists("/usr/bin/curl") || File.Exists("/bin/curl"), "curl is not installed");
        var api = await CreateAsync(client);
        var url = new Uri(target.BaseUrl, api.Stages);
        var exchange = new HttpExchange("POST", url, [new("Content-Type", "application/json")], StageBody("reproduced").ToJsonString(),
            SigningMode.Signed, 201, [], "", TimeSpan.Zero);
        var reproducer = Reproducer.Curl(exchange, new NcpRequestSigner(NcpClient.DefaultCredentials));

        var output = await NcpRequestSignerTests.RunBashAsync(reproducer, new Dictionary<string, string>
        {
            ["NCLOUD_ACCESS_KEY"] = NcpClient.DefaultCredentials.AccessKey,
            ["NCLOUD_SECRET_KEY"] = NcpClient.DefaultCredentials.SecretKey,
        });

        Assert.That(output, Does.StartWith("HTTP/1.1 201"));
        Assert.That((await Expect(client.GetAsync(api.Stages), HttpStatusCode.OK)).Object["stages"]!.ToJsonString(), Does.Contain("\"reproduced\""));
    }

    [Test]
    public async Task AWS_paths_keep_their_own_signature_scheme()
    {
        var response = await Expect(client.GetAsync("/restapis"), HttpStatusCode.Forbidden);

        Assert.That(response.Headers.ContainsKey("x-amzn-ErrorType"), Is.True);
    }
}
