using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Dialects.AwsRestV1;
using StageConformance.Http;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.Benchmarks;

/// <summary>
/// The suite's pace against what the target can serve, in one run: the reference target's raw rate for
/// SigV4-signed CreateStage + DeleteStage pairs from one sequential keep-alive connection, then the default
/// run (every check of every dialect) against the same kind of target, its requests per second and durationMs.
/// </summary>
public static class RequestRate
{
    public static async Task<int> RunAsync(TimeSpan rawFor)
    {
        var raw = await RawRateAsync(rawFor);
        var (durationMs, requests, passed, total) = await DefaultRunAsync();
        var suite = requests / (durationMs / 1000);
        Console.WriteLine(Invariant($"reference target, raw: {raw:0} requests/s (create + delete, SigV4, one keep-alive connection, {rawFor.TotalSeconds:0} s)"));
        Console.WriteLine(Invariant($"suite, default run:    {suite:0} requests/s ({requests} requests in {durationMs:0} ms; {passed}/{total} checks passed)"));
        Console.WriteLine(Invariant($"ratio suite/raw:       {suite / raw:P1}"));
        Console.WriteLine(Invariant($"default run durationMs: {durationMs:0}"));
        return passed == total ? 0 : 1;
    }

    private static async Task<double> RawRateAsync(TimeSpan duration)
    {
        // The embedded target's own budget (5,000/s) is below what it can serve; the raw rate is measured without it.
        await using var target = await global::StageConformance.ReferenceTarget.ReferenceTarget.StartAsync(
            EmbeddedTarget.Options(mutant: null) with { ThrottleRatePerSecond = 1_000_000, ThrottleBurst = 1_000_000 });
        var signer = new SigV4RequestSigner(EmbeddedTarget.Checks, "us-east-1", "apigateway");
        using var provisioning = new TargetClient(target.BaseUrl, signer);
        await using var api = new AwsRestV1StageApi(provisioning, "bench", TimeSpan.Zero);
        await api.ProvisionAsync(CancellationToken.None);
        var deploymentId = api.Existing("deployment");
        var stages = (await api.ListStagesAsync()).Url.AbsolutePath;

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = target.BaseUrl,
        };
        async Task SendAsync(HttpMethod method, string path, string? body, int expected)
        {
            using var request = new HttpRequestMessage(method, new Uri(target.BaseUrl, path));
            var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }

            signer.Sign(request, bytes, DateTimeOffset.UtcNow, SigningMode.Signed);
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            if ((int)response.StatusCode != expected)
            {
                throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}, not {expected}");
            }
        }

        var watch = Stopwatch.StartNew();
        var sent = 0;
        for (var i = 0; watch.Elapsed < duration; i++)
        {
            var name = "scbench" + i.ToString("x", CultureInfo.InvariantCulture);
            await SendAsync(HttpMethod.Post, stages, new JsonObject { ["stageName"] = name, ["deploymentId"] = deploymentId }.ToJsonString(), 201);
            await SendAsync(HttpMethod.Delete, $"{stages}/{name}", null, 202);
            sent += 2;
        }

        var rate = sent / watch.Elapsed.TotalSeconds;
        await api.CleanupAsync(CancellationToken.None);
        return rate;
    }

    private static async Task<(double DurationMs, long Requests, int Passed, int Total)> DefaultRunAsync()
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>());
        var watch = Stopwatch.StartNew();
        await using var session = await ConformanceSession.StartAsync(settings, target.Endpoint);
        session.WriteReport = false;
        foreach (var check in DialectNames.Implemented.SelectMany(CheckCatalogue.For))
        {
            await session.RunAsync(check);
        }

        await session.DisposeAsync();
        return (watch.Elapsed.TotalMilliseconds, session.RequestsSent().Values.Sum(), session.Results.Count(r => r.Outcome == Outcome.Passed), session.Results.Count);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
