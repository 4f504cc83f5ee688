using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Generation;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Generation;

internal static class ProbeJudgement
{
    /// <summary>
    /// An accepted case breaks nothing; a rejected case breaks its own requirement and nothing else,
    /// except that a value of the wrong JSON type also fails the other keywords of that same value (enum, pattern).
    /// </summary>
    public static void AssertBreaksOnlyItsRequirement(Probe probe, JsonObject body, IReadOnlyList<SchemaViolation> violations)
    {
        var shown = $"{probe.Id}: {body.ToJsonString()}\n  " + string.Join("\n  ", violations);
        if (probe.Expectation == Expectation.Accepted)
        {
            Assert.That(violations, Is.Empty, shown);
            return;
        }

        Assert.That(violations.Select(v => v.Requirement), Does.Contain(probe.Requirement), shown);
        var segments = probe.Id.Split('/');
        var wrongTypeAt = segments[2].Contains("type:", StringComparison.Ordinal) ? "/" + segments[1].Replace('.', '/') : null;
        var others = violations.Where(v => v.Requirement != probe.Requirement);
        Assert.That(others.Where(v => wrongTypeAt is null || !v.InstancePath.StartsWith(wrongTypeAt, StringComparison.Ordinal)), Is.Empty, shown);
    }
}
