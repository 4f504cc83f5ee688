using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Expectations;
using StageConformance.ReferenceTarget;
using StageConformance.Reporting;
using StageConformance.Running;

namespace StageConformance.Suite;

/// <summary>
/// Once per run: start the embedded reference target when no URL is given, print the plan, provision,
/// print progress as results land, and at the end clean up, write the reports and print the verdict.
/// Lines go to NUnit's error stream, which the NUnit adapter passes on at once as warnings: the only
/// level the default (minimal) verbosity of <c>dotnet test</c> shows besides failures.
/// </summary>
[SetUpFixture]
public sealed class SuiteSetup
{
    private const string Prefix = "stage conformance: ";

    /// <summary>Progress lines come at most this often.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(3);

    private static ConformanceSession? session;
    private static EmbeddedTarget? embedded;
    private static readonly System.Diagnostics.Stopwatch Clock = new();

    public static ConformanceSession Session =>
        session ?? throw new InvalidOperationException(StartError ?? "the conformance session did not start; see the setup error");

    /// <summary>A configuration error only the start could find (credentials a dialect's signer needs).</summary>
    public static string? StartError { get; private set; }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (SuiteConfiguration.Settings is not { } settings)
        {
            return; // the test named 'configuration' carries the one line
        }

        try
        {
            TargetEndpoint endpoint;
            if (settings.BaseUrl is null)
            {
                embedded = await EmbeddedTarget.StartAsync(mutant: null);
                endpoint = embedded.Endpoint;
            }
            else
            {
                endpoint = new TargetEndpoint(settings.BaseUrl, new TargetCredentials(settings.AwsCredentials, settings.NcpCredentials), Description: settings.BaseUrl.GetLeftPart(UriPartial.Authority));
            }

            foreach (var line in RunPlan.Lines(settings, endpoint))
            {
                await Say(line);
            }

            Clock.Start();
            var started = DateTimeOffset.UtcNow;
            ReportWriter.Begin(settings, endpoint, started);
            session = await ConformanceSession.StartAsync(settings, endpoint);
            var totals = settings.Dialects.ToDictionary(d => d, d => CheckCatalogue.For(d).Count, StringComparer.Ordinal);
            var progress = new RunProgress(totals, settings.Expectations, ProgressInterval);
            session.ResultRecorded += result =>
            {
                if (progress.Record(result) is { } line)
                {
                    TestContext.Error.WriteLine(Prefix + line);
                }
            };
        }
        catch (ConfigurationException e)
        {
            // One failing test carries it; the other checks are reported as not run.
            StartError = "configuration error: " + e.Message;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (session is not null)
        {
            await session.DisposeAsync();
            var gate = ExpectationGate.Summarize(session.Results, session.Settings.Expectations);
            foreach (var line in gate.Lines())
            {
                await Say(line);
            }

            await Say($"{gate.TotalsLine()} in {Clock.Elapsed.TotalSeconds:0.0} s");
            if (session.ReportPath is { } report)
            {
                await Say("report: " + Path.Combine(Path.GetDirectoryName(report)!, "report.md"));
            }

            foreach (var leftover in session.Leftovers)
            {
                await Say("LEFT ON TARGET: " + leftover);
            }
        }

        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }

    private static Task Say(string line) => TestContext.Error.WriteLineAsync(Prefix + line);
}
