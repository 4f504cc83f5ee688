using NUnit.Framework;
using StageConformance.Configuration;
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
        SuiteSettings settings;
        try
        {
            settings = SettingsLoader.Load(parameters, SettingsLoader.CurrentEnvironment());
        }
        catch (ConfigurationException e)
        {
            await TestContext.Progress.WriteLineAsync("stage conformance: configuration error: " + e.Message);
            throw;
        }

        TargetEndpoint endpoint;
        if (settings.BaseUrl is null)
        {
            embedded = await EmbeddedTarget.StartAsync(mutant: null);
            endpoint = embedded.Endpoint;
        }
        else
        {
            endpoint = new TargetEndpoint(settings.BaseUrl, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials), Description: settings.BaseUrl.GetLeftPart(UriPartial.Authority));
            await Reachability.EnsureAsync(settings.BaseUrl);
        }

        await TestContext.Progress.WriteLineAsync(
            $"stage conformance: run {settings.RunId} against {endpoint.Description} ({string.Join(", ", settings.Dialects)})");
        session = await ConformanceSession.StartAsync(settings, endpoint);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
            await TestContext.Progress.WriteLineAsync($"stage conformance: report written to {session.ReportPath}");
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
