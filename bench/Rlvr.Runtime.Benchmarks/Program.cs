using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Rlvr.Runtime.Benchmarks.RuntimeCallBenchmarks).Assembly).Run(args);
