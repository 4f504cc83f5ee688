using BenchmarkDotNet.Running;
using StageConformance.Benchmarks;

// `rate [seconds]`: the reference target's raw request rate, the suite's, their ratio and the default run's durationMs.
if (args.Length > 0 && args[0] == "rate")
{
    var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
    return await RequestRate.RunAsync(TimeSpan.FromSeconds(seconds));
}

BenchmarkSwitcher.FromAssembly(typeof(SuiteBenchmarks).Assembly).Run(args);
return 0;
