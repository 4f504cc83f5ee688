using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Running;

namespace StageConformance.Reporting;

/// <summary>What a run says before its first check: target, dialects, run id, check counts, and per dialect what it creates there.</summary>
public static class RunPlan
{
    public static IEnumerable<string> Lines(SuiteSettings settings, TargetEndpoint endpoint)
    {
        var counts = settings.Dialects.Select(d => $"{d} {CheckCatalogue.For(d).Count}");
        yield return $"run {settings.RunId} against {endpoint.Description}: {string.Join(", ", counts)} checks"
            + (settings.Expectations.Source is { } expectations ? $"; expectations {expectations} ({settings.Expectations.Count})" : "");
        foreach (var dialect in settings.Dialects)
        {
            yield return $"will create ({dialect}): {Dialects.DialectRegistry.ResourcePlan(dialect, settings.RunId)}; all deleted at the end"
                + (settings.Kind == TargetKind.Embedded ? "" : $"; client budget {settings.RateLimitFor(dialect)?.ToString() ?? "none"}");
        }
    }
}
