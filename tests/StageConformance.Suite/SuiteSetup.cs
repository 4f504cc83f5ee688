using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.Suite;

/// <summary>
/// Once per run: read the settings (a bad one stops the run here, before any check), start the
/// embedded reference target when no URL is given, provision, and at the end clean up and write the report.
/// </summary>
[SetUpFixture]
public sealed class SuiteSetup
{
    private static ConformanceSession? session;
    private static EmbeddedTarget? embedded;

    public static ConformanceSession Session =>
        session ?? throw new InvalidOperationException("the conformance session did not start; see the setup error");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var parameters = TestContext.Parameters.Names.ToDictionary(n => n, n => TestContext.Parameters[n] ?? "", StringComparer.Ordinal);
        try
        {
            var settings = SettingsLoader.Load(parameters, SettingsLoader.CurrentEnvironment());
            TargetEndpoint endpoint;
            if (settings.BaseUrl is null)
            {
                embedded = await EmbeddedTarget.StartAsync(mutant: null);
                endpoint = embedded.Endpoint;
            }
            else
            {
                await Reachability.EnsureAsync(settings.BaseUrl);
                endpoint = new TargetEndpoint(settings.BaseUrl, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials), Description: settings.BaseUrl.GetLeftPart(UriPartial.Authority));
            }

            await TestContext.Progress.WriteLineAsync(
                $"stage conformance: run {settings.RunId} against {endpoint.Description} ({string.Join(", ", settings.Dialects)})"
                + (settings.Expectations.Source is { } expectations ? $" with expectations {expectations} ({settings.Expectations.Count})" : ""));
            if (settings.Kind != TargetKind.Embedded)
            {
                foreach (var dialect in settings.Dialects)
                {
                    await TestContext.Progress.WriteLineAsync(
                        $"stage conformance: will create at {settings.BaseUrl!.Host} ({dialect}): {Dialects.DialectRegistry.ResourcePlan(dialect, settings.RunId)}; "
                        + $"all deleted at the end; client budget {settings.RateLimitFor(dialect)?.ToString() ?? "none"}");
                }
            }
            session = await ConformanceSession.StartAsync(settings, endpoint);
        }
        catch (ConfigurationException e)
        {
            // One line, before any check: every check then fails with the same message.
            await TestContext.Progress.WriteLineAsync("stage conformance: configuration error: " + e.Message);
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
            await TestContext.Progress.WriteLineAsync($"stage conformance: report written to {session.ReportPath}");
            foreach (var line in ExpectationGate.Summarize(session.Results, session.Settings.Expectations).Lines())
            {
                await TestContext.Progress.WriteLineAsync("stage conformance: " + line);
            }

            foreach (var leftover in session.Leftovers)
            {
                await TestContext.Progress.WriteLineAsync("stage conformance: LEFT ON TARGET: " + leftover);
            }
        }

        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }
}
