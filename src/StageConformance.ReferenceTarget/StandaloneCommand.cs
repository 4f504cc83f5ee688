using System.Globalization;

namespace StageConformance.ReferenceTarget;

/// <summary>The standalone emulator's command line.</summary>
internal sealed record StandaloneCommand(ReferenceTargetOptions Options, bool ListMutants = false, bool Help = false)
{
    public const int DefaultPort = 4566;

    public const string Usage =
        "usage: StageConformance.ReferenceTarget [--port N] [--mutant ID] [--access-key K --secret-key S]\n"
        + "                                       [--throttle-rate R] [--throttle-burst B] [--list-mutants] [--help]\n"
        + "  --port N          port on 127.0.0.1 (default 4566; 0 picks a free one)\n"
        + "  --mutant ID       break the requirement ID on purpose (see --list-mutants)\n"
        + "  --access-key K    the one accepted access key, with --secret-key (default test/test)\n"
        + "  --throttle-rate R requests per second per access key (default 1000)\n"
        + "  --throttle-burst B bucket size per access key (default 200)\n"
        + "  --fault-rate F    share of requests (0..1) answered by a target fault (default 0)\n"
        + "  --fault-kinds K   comma list of 503, reset, delay (default all three)\n"
        + "  --fault-delay-ms D how long a delay fault holds the answer (default 2000)";

    /// <exception cref="ArgumentException">The arguments are not valid; the message says why.</exception>
    public static StandaloneCommand Parse(IReadOnlyList<string> args)
    {
        var options = new ReferenceTargetOptions { Port = DefaultPort };
        var faultRate = 0.0;
        IReadOnlyList<FaultKind> faultKinds = [FaultKind.Unavailable, FaultKind.Reset, FaultKind.Delay];
        var faultDelay = TimeSpan.FromSeconds(2);
        string? accessKey = null;
        string? secretKey = null;
        var listMutants = false;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");

            switch (args[i])
            {
                case "--port":
                    options = options with { Port = ParseInt(args[i], Value(), 0, 65535) };
                    break;
                case "--mutant":
                    options = options with { Mutant = MutantIds.Require(Value()) };
                    break;
                case "--access-key":
                    accessKey = Value();
                    break;
                case "--secret-key":
                    secretKey = Value();
                    break;
                case "--throttle-rate":
                    var text = Value();
                    options = options with
                    {
                        ThrottleRatePerSecond = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
                            ? rate
                            : throw new ArgumentException($"--throttle-rate needs a number above 0, not '{text}'"),
                    };
                    break;
                case "--throttle-burst":
                    options = options with { ThrottleBurst = ParseInt(args[i], Value(), 1, int.MaxValue) };
                    break;
                case "--fault-rate":
                    var share = Value();
                    faultRate = double.TryParse(share, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedRate) && parsedRate is >= 0 and <= 1
                        ? parsedRate
                        : throw new ArgumentException($"--fault-rate needs a share from 0 to 1, not '{share}'");
                    break;
                case "--fault-kinds":
                    faultKinds = Value().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseFaultKind).ToList();
                    break;
                case "--fault-delay-ms":
                    faultDelay = TimeSpan.FromMilliseconds(ParseInt(args[i], Value(), 1, 600_000));
                    break;
                case "--list-mutants":
                    listMutants = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        if (faultRate > 0)
        {
            options = options with { Faults = new FaultInjectionOptions(faultRate, faultKinds, faultDelay) };
        }

        if ((accessKey is null) != (secretKey is null))
        {
            throw new ArgumentException("--access-key and --secret-key go together");
        }

        if (accessKey is not null && secretKey is not null)
        {
            options = options with { Credentials = new Dictionary<string, string> { [accessKey] = secretKey } };
        }

        return new(options, listMutants, help);
    }

    private static FaultKind ParseFaultKind(string text) => text switch
    {
        "503" => FaultKind.Unavailable,
        "reset" => FaultKind.Reset,
        "delay" => FaultKind.Delay,
        _ => throw new ArgumentException($"--fault-kinds takes 503, reset and delay, not '{text}'"),
    };

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} needs a whole number from {min} to {max}, not '{text}'");
}

internal static class StandaloneHost
{
    /// <summary>Runs the emulator until <paramref name="stop"/> fires; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        StandaloneCommand command;
        try
        {
            command = StandaloneCommand.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync(StandaloneCommand.Usage);
            return 2;
        }

        if (command.Help)
        {
            await output.WriteLineAsync(StandaloneCommand.Usage);
            return 0;
        }

        if (command.ListMutants)
        {
            foreach (var mutant in ReferenceTarget.Mutants)
            {
                await output.WriteLineAsync($"{mutant.Id}\t{mutant.Description}");
            }

            return 0;
        }

        await using var target = await ReferenceTarget.StartAsync(command.Options, stop);
        await output.WriteLineAsync($"reference target listening on {target.BaseUrl.GetLeftPart(UriPartial.Authority)}");
        await output.FlushAsync(CancellationToken.None);
        await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return 0;
    }
}
