using System.Diagnostics;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Dialects;
using StageConformance.Http;
using StageConformance.Reporting;

namespace StageConformance.Running;

/// <summary>
/// One run against one target: provisions per dialect once, runs checks one at a time, and on
/// disposal deletes everything it created and writes the report. NUnit and the self-tests both
/// drive checks through this class, so they judge alike.
/// </summary>
public sealed class ConformanceSession : IAsyncDisposable
{
    private static readonly string[] ExternalOptIn = ["throttling"];
    private static readonly string[] RemoteOptIn = ["throttling", "billable"];

    private readonly Dictionary<string, (IStageApi Api, CheckContext Context)> dialects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> provisioningErrors = new(StringComparer.Ordinal);
    private readonly List<CheckResult> results = [];
    private readonly List<IDisposable> clients = [];
    private readonly Dictionary<string, List<TargetClient>> clientsByDialect = new(StringComparer.Ordinal);
    private readonly List<System.Runtime.InteropServices.PosixSignalRegistration> signals = [];
    private readonly SemaphoreSlim disposing = new(1, 1);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly DateTimeOffset started = DateTimeOffset.UtcNow;
    private bool disposed;

    private ConformanceSession(SuiteSettings settings, TargetEndpoint endpoint)
    {
        Settings = settings;
        Endpoint = endpoint;
    }

    public SuiteSettings Settings { get; }

    public TargetEndpoint Endpoint { get; }

    public IReadOnlyList<CheckResult> Results => results;

    /// <summary>What a listing of the target still showed of this run after cleanup (set by disposal).</summary>
    public IReadOnlyList<string> Leftovers { get; private set; } = [];

    /// <summary>Where provisioning and cleanup saw the target differ from the service, per dialect (set by disposal).</summary>
    public IReadOnlyList<string> Observations { get; private set; } = [];

    /// <summary>Set by disposal: where report.json went.</summary>
    public string? ReportPath { get; private set; }

    public bool WriteReport { get; set; } = true;

    public static async Task<ConformanceSession> StartAsync(SuiteSettings settings, TargetEndpoint endpoint, CancellationToken ct = default)
    {
        var session = new ConformanceSession(settings, endpoint);
        session.CleanUpOnSignals();
        foreach (var dialect in settings.Dialects)
        {
            var api = DialectRegistry.CreateApi(dialect, session.NewClient(dialect, endpoint.Credentials), settings);
            try
            {
                await api.ProvisionAsync(ct);
            }
            catch (Exception e) when (e is ProvisioningException or TargetFaultException or HttpRequestException or Flurl.Http.FlurlHttpException or TaskCanceledException)
            {
                // Adapters note what they could not provision and carry on; what still escapes stops the dialect.
                session.provisioningErrors[dialect] = Describe(e);
            }

            // The throttling probe must be able to exceed the target's budget, so it skips the client-side one.
            // A real cloud throttles per account, so a separate probe identity's hold is the checks' hold too.
            TargetClient probe;
            if (endpoint.ThrottleProbeCredentials is null)
            {
                probe = api.Client.WithoutRateLimit();
                session.clients.Add(probe);
                session.clientsByDialect[dialect].Add(probe);
            }
            else
            {
                probe = session.NewClient(dialect, endpoint.ThrottleProbeCredentials, settings.Kind == TargetKind.Remote ? api.Client.Hold : null);
            }

            session.dialects[dialect] = (api, new CheckContext(api, DialectContract.Load(dialect), settings, probe));
        }

        return session;
    }

    /// <summary>Why provisioning failed for a dialect, if it did; every check of that dialect is then an error.</summary>
    public string? ProvisioningError(string dialect) => provisioningErrors.GetValueOrDefault(dialect);

    public async Task<CheckResult> RunAsync(Check check)
    {
        var result = await JudgeAsync(check);
        lock (results)
        {
            results.Add(result);
        }

        ResultRecorded?.Invoke(result);
        return result;
    }

    /// <summary>Raised as each result lands, for progress displays.</summary>
    public event Action<CheckResult>? ResultRecorded;

    private async Task<CheckResult> JudgeAsync(Check check)
    {
        var baseResult = new CheckResult(check.Id, check.Requirement, check.Dialect, check.Kind, check.Description, Outcome.Skipped);
        if (!dialects.TryGetValue(check.Dialect, out var entry))
        {
            return baseResult with { Reason = $"dialect {check.Dialect} not selected ({SettingNames.Dialects.Environment})" };
        }

        if ((Settings.Expectations.SkipReason(check) ?? SkipReason(check)) is { } reason)
        {
            return baseResult with { Reason = reason };
        }

        if (provisioningErrors.TryGetValue(check.Dialect, out var provisioning))
        {
            return baseResult with { Outcome = Outcome.Error, Reason = provisioning };
        }

        var context = entry.Context;
        context.Replay = Settings.Replays.GetValueOrDefault(check.Id);
        var watch = Stopwatch.StartNew();
        try
        {
            await check.Run(context);
            return baseResult with { Outcome = Outcome.Passed, DurationMs = watch.Elapsed.TotalMilliseconds };
        }
        catch (CheckFailure failure)
        {
            return Scripted(Failed(baseResult, failure, entry.Api) with { DurationMs = watch.Elapsed.TotalMilliseconds }, failure.Exchange, entry.Api);
        }
        catch (PropertyFailure failure)
        {
            return Scripted(Failed(baseResult, failure.Failure, entry.Api), failure.Failure.Exchange, entry.Api) with
            {
                Counterexample = failure.Counterexample,
                Replay = $"{SettingNames.Replay.Environment}='{check.Id}={failure.Replay}'",
                Reason = $"falsified after {failure.Tests} case(s), shrunk {failure.Shrinks} time(s)",
                DurationMs = watch.Elapsed.TotalMilliseconds,
            };
        }
        catch (CheckSkipped skipped)
        {
            return baseResult with { Reason = skipped.Message, DurationMs = watch.Elapsed.TotalMilliseconds };
        }
        catch (PropertyError error)
        {
            var fault = error.InnerException as TargetFaultException;
            return baseResult with
            {
                Outcome = Outcome.Error,
                Reason = Describe(error.InnerException ?? error),
                Counterexample = error.Counterexample,
                Replay = $"{SettingNames.Replay.Environment}='{check.Id}={error.Replay}'",
                Reproducer = fault?.Exchange is null ? null : Reproducer.Curl(fault.Exchange, entry.Api.Client.Signer),
                Response = fault?.Exchange is null ? null : $"{fault.Exchange.Status} {Truncate(fault.Exchange.ResponseBody, 600)}",
                DurationMs = watch.Elapsed.TotalMilliseconds,
            };
        }
        catch (TargetFaultException fault)
        {
            return baseResult with
            {
                Outcome = Outcome.Error,
                Reason = fault.Message,
                Reproducer = fault.Exchange is null ? null : Reproducer.Curl(fault.Exchange, entry.Api.Client.Signer),
                Response = fault.Exchange is null ? null : $"{fault.Exchange.Status} {Truncate(fault.Exchange.ResponseBody, 600)}",
                DurationMs = watch.Elapsed.TotalMilliseconds,
            };
        }
        catch (Exception error)
        {
            return baseResult with { Outcome = Outcome.Error, Reason = Describe(error), DurationMs = watch.Elapsed.TotalMilliseconds };
        }
    }

    /// <summary>Reproducer scripts of the failures so far, by check id; the report writes them to reproducers/.</summary>
    private readonly Dictionary<string, string> reproducerScripts = new(StringComparer.Ordinal);

    private CheckResult Scripted(CheckResult failed, HttpExchange? exchange, IStageApi api)
    {
        if (exchange is not null)
        {
            var script = ReproducerScript.Build(exchange, api, Endpoint.BaseUrl, Settings, failed.Id, failed.Requirement, failed.Expected, failed.Observed);
            lock (reproducerScripts)
            {
                reproducerScripts[failed.Id] = script;
            }
        }

        return failed;
    }

    private string? SkipReason(Check check)
    {
        if (check.Category == "core" || check.Category == "auth")
        {
            return null;
        }

        var optIn = Settings.Kind switch
        {
            TargetKind.Embedded => [],
            TargetKind.Loopback => ExternalOptIn,
            _ => RemoteOptIn,
        };
        return optIn.Contains(check.Category) && !Settings.OptInCategories.Contains(check.Category)
            ? $"category '{check.Category}' is opt-in against this target: add it to {SettingNames.Categories.Environment}"
            : null;
    }

    private static CheckResult Failed(CheckResult baseResult, CheckFailure failure, IStageApi api) => baseResult with
    {
        Outcome = Outcome.Failed,
        Requirement = failure.Requirement,
        Expected = failure.Expected,
        Observed = failure.Observed,
        Reproducer = failure.Exchange is null ? null : Reproducer.Curl(failure.Exchange, api.Client.Signer),
        Response = failure.Exchange is null ? null : $"{failure.Exchange.Status} {Truncate(failure.Exchange.ResponseBody, 600)}",
    };

    private static string Describe(Exception error) => error switch
    {
        TargetFaultException fault => fault.Message,
        Flurl.Http.FlurlHttpTimeoutException => "target fault: the request timed out",
        Flurl.Http.FlurlHttpException http => "target fault: " + (http.InnerException?.Message ?? http.Message),
        HttpRequestException http => "target fault: " + http.Message,
        TaskCanceledException => "target fault: the request timed out",
        ProvisioningException provisioning => "provisioning failed: " + provisioning.Message,

        // A suite fault: named as one, so a self-test against a hostile target can find it.
        _ => $"suite fault: {error.GetType().Name}: {error.Message}",
    };

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] + "..." : text;

    private TargetClient NewClient(string dialect, TargetCredentials? credentials, ThrottleHold? hold = null)
    {
        var signer = DialectRegistry.CreateSigner(dialect, credentials, Settings);
        var client = new TargetClient(Endpoint.BaseUrl, signer, Settings.RequestTimeout, Settings.RateLimitFor(dialect), hold);
        clients.Add(client);
        if (!clientsByDialect.TryGetValue(dialect, out var own))
        {
            clientsByDialect[dialect] = own = [];
        }

        own.Add(client);
        return client;
    }

    /// <summary>HTTP requests sent so far per dialect, every attempt counted once, whichever identity sent it.</summary>
    public IReadOnlyDictionary<string, long> RequestsSent() =>
        clientsByDialect.ToDictionary(d => d.Key, d => d.Value.Sum(c => c.RequestsSent), StringComparer.Ordinal);

    /// <summary>
    /// Ctrl-C, a CI cancel or a kill with SIGTERM still deletes what the run created before the
    /// process ends; a SIGKILL cannot be caught, which is what the sweep is for.
    /// </summary>
    private void CleanUpOnSignals()
    {
        foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM, System.Runtime.InteropServices.PosixSignal.SIGQUIT })
        {
            signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, context =>
            {
                Interrupted = context.Signal.ToString();
                DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(60));
            }));
        }
    }

    /// <summary>The signal that ended the run early, if one did.</summary>
    public string? Interrupted { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await disposing.WaitAsync();
        try
        {
            await DisposeOnceAsync();
        }
        finally
        {
            disposing.Release();
        }
    }

    /// <summary>
    /// Deletes what the run made, then reads the target back: the leftovers are what that listing still
    /// shows of the run, not what a delete answered (a target may delete and answer oddly, or the reverse).
    /// </summary>
    private static async Task<IReadOnlyList<string>> CleanUpAsync(IStageApi api)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        IReadOnlyList<string> problems;
        try
        {
            problems = await api.CleanupAsync(budget.Token);
        }
        catch (Exception e)
        {
            problems = ["cleanup stopped: " + Describe(e)];
        }

        try
        {
            return await api.ReadBackAsync(budget.Token) ?? problems;
        }
        catch (Exception e)
        {
            return [.. problems, "cannot tell what is left: the read-back failed: " + Describe(e)];
        }
    }

    private async Task DisposeOnceAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var registration in signals)
        {
            registration.Dispose();
        }

        var leftovers = new List<string>();
        var observations = new List<string>();
        foreach (var (dialect, (api, _)) in dialects)
        {
            leftovers.AddRange((await CleanUpAsync(api)).Select(l => $"{dialect}: {l}"));
            observations.AddRange(api.Ledger.Observations.Select(o => $"{dialect}: {o}"));
            await api.DisposeAsync();
        }

        Leftovers = leftovers;
        Observations = observations;
        foreach (var client in clients)
        {
            client.Dispose();
        }

        if (WriteReport)
        {
            CheckResult[] snapshot;
            lock (results)
            {
                snapshot = [.. results];
            }

            Dictionary<string, string> scripts;
            lock (reproducerScripts)
            {
                scripts = new(reproducerScripts, StringComparer.Ordinal);
            }

            ReportPath = ReportWriter.Write(Settings, Endpoint, started, clock.Elapsed, snapshot, leftovers, Interrupted, observations, scripts, RequestsSent());
        }
    }
}
