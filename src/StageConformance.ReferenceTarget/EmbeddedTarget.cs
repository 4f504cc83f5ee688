using StageConformance.Running;
using StageConformance.Signing;

namespace StageConformance.ReferenceTarget;

/// <summary>
/// The reference target as the suite starts it when no URL is given: on a free loopback port, with
/// one account for the checks (limits high enough for a run of seconds) and one throttled like a
/// real AWS account (10 requests/s, burst 40) for the throttling probe.
/// </summary>
public sealed class EmbeddedTarget : IAsyncDisposable
{
    public static readonly AwsCredentials Checks = new("AKIDSTAGECONFCHECKS", "embedded-checks-secret");
    public static readonly AwsCredentials ThrottleProbe = new("AKIDSTAGECONFPROBE", "embedded-probe-secret");
    public static readonly NcpCredentials NcpChecks = new("NCPSTAGECONFCHECKS", "embedded-ncp-checks-secret");
    public static readonly NcpCredentials NcpThrottleProbe = new("NCPSTAGECONFPROBE", "embedded-ncp-probe-secret");

    private readonly RunningTarget target;

    private EmbeddedTarget(RunningTarget target, string? mutant)
    {
        this.target = target;
        Endpoint = new TargetEndpoint(target.BaseUrl, new TargetCredentials(Checks, NcpChecks), new TargetCredentials(ThrottleProbe, NcpThrottleProbe),
            mutant is null ? $"embedded reference target {target.BaseUrl}" : $"embedded reference target {target.BaseUrl} (mutant {mutant})");
    }

    public TargetEndpoint Endpoint { get; }

    public FaultCounters Faults => target.Faults;

    public static ReferenceTargetOptions Options(string? mutant, FaultInjectionOptions? faults = null) => new()
    {
        Mutant = mutant,
        Faults = faults,
        Credentials = new Dictionary<string, string>
        {
            [Checks.AccessKeyId] = Checks.SecretAccessKey,
            [ThrottleProbe.AccessKeyId] = ThrottleProbe.SecretAccessKey,
            [NcpChecks.AccessKey] = NcpChecks.SecretKey,
            [NcpThrottleProbe.AccessKey] = NcpThrottleProbe.SecretKey,
        },
        ThrottleRatePerSecond = 5000,
        ThrottleBurst = 2000,
        ThrottleLimits = new Dictionary<string, ThrottleLimit> { [ThrottleProbe.AccessKeyId] = new(10, 40), [NcpThrottleProbe.AccessKey] = new(10, 40) },
    };

    public static async Task<EmbeddedTarget> StartAsync(string? mutant, CancellationToken ct = default, FaultInjectionOptions? faults = null) =>
        new(await ReferenceTarget.StartAsync(Options(mutant, faults), ct), mutant);

    public ValueTask DisposeAsync() => target.DisposeAsync();
}
