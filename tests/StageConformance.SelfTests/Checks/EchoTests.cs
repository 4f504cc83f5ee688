using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;

namespace StageConformance.SelfTests.Checks;

public sealed class EchoTests
{
    [TestCase("50", "50.0")]
    [TestCase("""{"canary": {"percentTraffic": 10, "on": true}}""", """{"canary": {"on": true, "percentTraffic": 1e1}}""")]
    [TestCase("[1, {\"a\": 2.50}]", "[1.0, {\"a\": 2.5}]")]
    public void Same_values_compare_numbers_by_value_at_any_depth_and_members_in_any_order(string a, string b) =>
        Assert.That(Echo.SameValue(JsonNode.Parse(a), JsonNode.Parse(b)), Is.True);

    [TestCase("50", "\"50\"")]
    [TestCase("""{"a": 1}""", """{"a": 1, "b": 2}""")]
    [TestCase("[1, 2]", "[2, 1]")]
    [TestCase("""{"a": "x"}""", "null")]
    public void Different_values_differ(string a, string b) =>
        Assert.That(Echo.SameValue(JsonNode.Parse(a), JsonNode.Parse(b)), Is.False);
}
