using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Generation;
using StageConformance.ReferenceTarget;
using StageConformance.Running;

namespace StageConformance.Benchmarks;

/// <summary>
/// What a user waits for: the default run (every check of every implemented dialect against the
/// embedded target, default property cases), and the pieces that dominate it.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class SuiteBenchmarks
{
    private IReadOnlyList<Check> checks = [];

    [GlobalSetup]
    public void Setup() => checks = DialectNames.Implemented.SelectMany(CheckCatalogue.For).ToList();

    [Benchmark(Description = "default run: start target, provision, all checks, clean up")]
    public async Task<int> DefaultRun()
    {
        await using var target = await EmbeddedTarget.StartAsync(mutant: null);
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>());
        await using var session = await ConformanceSession.StartAsync(settings, target.Endpoint);
        session.WriteReport = false;
        foreach (var check in checks)
        {
            await session.RunAsync(check);
        }

        return session.Results.Count(r => r.Outcome == Outcome.Passed);
    }

    [Benchmark(Description = "build the check catalogue from schemas/ (cold)")]
    public int Catalogue()
    {
        var model = RequestModel.Load(Path.Combine(Infrastructure.RepositoryPaths.Schemas, DialectNames.AwsRestV1, "create-stage.request.schema.json"));
        return model.Probes.Count;
    }
}
