using NUnit.Framework;
using StageConformance.Http;

namespace StageConformance.SelfTests.Http;

/// <summary>After a 429 the suite waits what the target asked, for the requests that follow, and no fixed pause.</summary>
public sealed class ThrottleHoldTests
{
    private static HttpExchange Throttled(string? retryAfter) => new(
        "GET", new Uri("http://127.0.0.1:1/restapis"), [], null, SigningMode.Signed, 429,
        retryAfter is null ? [] : [new("Retry-After", retryAfter)], "{}", TimeSpan.Zero);

    [Test]
    public void Delay_seconds_are_held_exactly()
    {
        var hold = new ThrottleHold();
        hold.Honour(Throttled("2"));
        Assert.That(hold.Remaining, Is.InRange(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Without_Retry_After_nothing_is_held()
    {
        var hold = new ThrottleHold();
        hold.Honour(Throttled(null));
        hold.Honour(Throttled("soon"));
        Assert.That(hold.Remaining, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void An_http_date_is_held_until_then_and_a_shorter_ask_does_not_shorten_a_longer_one()
    {
        var hold = new ThrottleHold();
        hold.Honour(Throttled(DateTimeOffset.UtcNow.AddSeconds(4).ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        hold.Honour(Throttled("0"));
        Assert.That(hold.Remaining, Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)));
    }

    [Test]
    public void A_long_ask_is_capped()
    {
        var hold = new ThrottleHold();
        hold.Honour(Throttled("86400"));
        Assert.That(hold.Remaining, Is.LessThanOrEqualTo(ThrottleHold.MaxWait));
    }
}
