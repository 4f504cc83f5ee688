using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StageConformance.ReferenceTarget;

/// <summary>
/// An in-process emulator of the API Gateway stage operations, REST APIs (v1, /restapis), HTTP and
/// WebSocket APIs (v2, /v2/apis) and NCP API Gateway (/api/v1) on one port, optionally breaking one
/// requirement on purpose.
/// </summary>
public static class ReferenceTarget
{
    public static IReadOnlyList<MutantInfo> Mutants => MutantIds.All;

    public static async Task<RunningTarget> StartAsync(ReferenceTargetOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ReferenceTarget).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // The host's default console lifetime would hook Ctrl-C and process exit of whatever process embeds the target.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        var app = builder.Build();
        var context = new TargetContext(options);
        app.Run(new RequestPipeline(context).InvokeAsync);
        try
        {
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new RunningTarget(app, new Uri(address), context.Faults);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static void Validate(ReferenceTargetOptions options)
    {
        if (options.Mutant is { } mutant)
        {
            MutantIds.Require(mutant);
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port {options.Port} is outside 0..65535", nameof(options));
        }

        if (!(options.ThrottleRatePerSecond > 0) || options.ThrottleBurst < 1)
        {
            throw new ArgumentException("the throttle needs a rate above 0 and a burst of at least 1", nameof(options));
        }
    }

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>A started target; disposing it stops the server.</summary>
public sealed class RunningTarget : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    internal RunningTarget(WebApplication app, Uri baseUrl, FaultCounters faults)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Faults = faults;
    }

    /// <summary>What fault injection did so far.</summary>
    public FaultCounters Faults { get; }

    /// <summary>http://127.0.0.1:port, the port Kestrel actually bound.</summary>
    public Uri BaseUrl { get; }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
