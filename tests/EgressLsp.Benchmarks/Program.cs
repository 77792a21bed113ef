using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EgressLsp.Benchmarks.CoreBenchmarks).Assembly).Run(args);
