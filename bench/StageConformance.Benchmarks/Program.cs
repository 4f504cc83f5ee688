using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(StageConformance.Benchmarks.SuiteBenchmarks).Assembly).Run(args);
