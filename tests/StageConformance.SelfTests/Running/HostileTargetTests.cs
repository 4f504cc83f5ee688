using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Running;

namespace StageConformance.SelfTests.Running;

/// <summary>
/// No answer can crash the suite: against a target whose answers FsCheck draws (<see cref="HostileTarget"/>),
/// the whole run of every dialect completes, every check gets an outcome, and no reason, expectation or
/// observation shows an exception type or a stack trace (a suite fault is the only way one would get there).
/// </summary>
public sealed class HostileTargetTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task Every_check_ends_with_an_outcome_whatever_the_target_answers()
    {
        await using var target = await HostileTarget.StartAsync();
        var reports = Path.Combine(Path.GetTempPath(), "stageconf-hostile-" + Guid.NewGuid().ToString("N"));
        var settings = SettingsLoader.Load(
            new Dictionary<string, string> { ["baseUrl"] = target.BaseUrl.AbsoluteUri, ["dialects"] = string.Join(',', DialectNames.Implemented) },
            new Dictionary<string, string>
            {
                ["STAGECONF_REPORT_DIR"] = reports,
                ["STAGECONF_PROPERTY_CASES"] = "3",
                ["STAGECONF_TIMEOUT_SECONDS"] = "10",
                ["STAGECONF_CATEGORIES"] = "throttling,billable",
            });
        var checks = DialectNames.Implemented.SelectMany(CheckCatalogue.For).ToList();

        IReadOnlyList<CheckResult> results;
        IReadOnlyList<string> observations, leftovers;
        await using (var session = await ConformanceSession.StartAsync(settings, new TargetEndpoint(target.BaseUrl, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials))))
        {
            foreach (var check in checks)
            {
                await session.RunAsync(check);
            }

            results = session.Results;
            await session.DisposeAsync();
            observations = session.Observations;
            leftovers = session.Leftovers;
        }

        TestContext.Out.WriteLine($"{target.Answered} generated answers; outcomes: "
            + string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Count()} {g.Key}")));
        foreach (var reason in results.Where(r => r.Outcome == Outcome.Error).GroupBy(r => (r.Reason ?? "")[..Math.Min((r.Reason ?? "").Length, 160)]).OrderByDescending(g => g.Count()).Take(15))
        {
            TestContext.Out.WriteLine($"  {reason.Count()} x error: {reason.Key}");
        }

        Assert.That(results.Select(r => r.Id), Is.EquivalentTo(checks.Select(c => c.Id)), "one outcome per check");
        var texts = results.SelectMany(r => new[] { r.Reason, r.Expected, r.Observed }.OfType<string>().Select(t => (r.Id, Text: t)))
            .Concat(observations.Concat(leftovers).Select(t => (Id: "(run)", Text: t)));
        var exceptionNames = DotNetExceptionNames();
        var crashes = texts.Where(t => t.Text.Contains("   at ", StringComparison.Ordinal) || t.Text.Contains("suite fault", StringComparison.Ordinal)
                || exceptionNames.Any(name => t.Text.Contains(name, StringComparison.Ordinal)))
            .Select(t => $"{t.Id}: {t.Text[..Math.Min(t.Text.Length, 400)]}").ToList();
        Assert.That(crashes, Is.Empty, "an exception reached a report");
        Assert.That(target.Answered, Is.GreaterThan(checks.Count), "the checks talked to the target");
        Assert.That(DialectNames.Implemented.Where(d => !results.Any(r => r.Dialect == d && r.Outcome == Outcome.Failed)), Is.Empty,
            "the odd answers reached verdicts in every dialect, not only provisioning errors");
    }

    /// <summary>The exception types loaded in this process, but the names AWS gives its error types (a target may answer those).</summary>
    private static IReadOnlyList<string> DotNetExceptionNames()
    {
        string[] awsErrorTypes = ["BadRequestException", "NotFoundException", "ConflictException", "TooManyRequestsException", "LimitExceededException", "UnauthorizedException", "AccessDeniedException"];
        return AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a =>
            {
                try
                {
                    return a.GetTypes();
                }
                catch (System.Reflection.ReflectionTypeLoadException e)
                {
                    return e.Types.OfType<Type>().ToArray();
                }
            })
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .Select(t => t.Name)
            .Where(n => n.EndsWith("Exception", StringComparison.Ordinal) && n != nameof(Exception) && !awsErrorTypes.Contains(n))
            .Distinct()
            .ToList();
    }
}
