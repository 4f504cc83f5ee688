using NUnit.Framework;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Http;

public sealed class TargetClientTests
{
    private static readonly AwsCredentials Credentials = new("test", "test");

    [Test]
    public async Task A_429_is_waited_out_and_retried_then_reported_as_throttled_not_judged()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions
        {
            ThrottleLimits = new Dictionary<string, ThrottleLimit> { ["test"] = new(0.01, 1) },
        });
        using var client = new TargetClient(target.BaseUrl, new SigV4RequestSigner(Credentials, "us-east-1", "apigateway")) { MaxThrottleRetries = 1 };

        var first = await client.SendAsync(HttpMethod.Get, "/restapis");
        var throttled = Assert.ThrowsAsync<TargetThrottledException>(() => client.SendAsync(HttpMethod.Get, "/restapis"))!;

        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That(throttled.Exchange!.Status, Is.EqualTo(429));
        Assert.That(throttled.Message, Does.StartWith("throttled"));
    }

    [Test]
    public async Task A_probe_that_asks_to_see_429_gets_it_unretried()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions
        {
            ThrottleLimits = new Dictionary<string, ThrottleLimit> { ["test"] = new(0.01, 1) },
        });
        using var client = new TargetClient(target.BaseUrl, new SigV4RequestSigner(Credentials, "us-east-1", "apigateway"));

        await client.SendAsync(HttpMethod.Get, "/restapis");
        var second = await client.SendAsync(HttpMethod.Get, "/restapis", retryThrottled: false);

        Assert.That(second.Status, Is.EqualTo(429));
        Assert.That(second.ResponseHeader("Retry-After"), Is.Not.Null);
    }

    [Test]
    public async Task The_client_side_budget_spaces_requests()
    {
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(new ReferenceTargetOptions());
        using var client = new TargetClient(target.BaseUrl, new SigV4RequestSigner(Credentials, "us-east-1", "apigateway"), rateLimit: new RateLimit(20, 1));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 6; i++)
        {
            await client.SendAsync(HttpMethod.Get, "/restapis");
        }

        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)), "6 requests at 20/s with burst 1 take at least 5 intervals of 50 ms");
    }

    [Test]
    public async Task An_unreachable_target_is_a_fault_not_a_failure()
    {
        using var client = new TargetClient(new Uri("http://127.0.0.1:9"), null, TimeSpan.FromSeconds(2));

        var fault = Assert.ThrowsAsync<TargetFaultException>(() => client.SendAsync(HttpMethod.Get, "/restapis"))!;

        Assert.That(fault.Message, Does.StartWith("target fault"));
        await Task.CompletedTask;
    }
}
