using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rlvr.TestKit;

namespace Rlvr.Cluster.Benchmarks;

public interface IAdderGrain : IGrainWithStringKey
{
    Task<int> Add(int value);
}

/// <summary>The grain under test: a trivial method, so the runtime's own cost dominates.</summary>
public sealed class AdderGrain : Grain, IAdderGrain
{
    private int _sum;

    public Task<int> Add(int value) => Task.FromResult(_sum += value);
}

public interface IRelayGrain : IGrainWithStringKey
{
    Task<int> Forward(int value);
}

/// <summary>Forwards to an adder grain: a call made from grain code, which always goes through the adder's queue.</summary>
public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<int> Forward(int value) => GrainFactory.GetGrain<IAdderGrain>("relayed").Add(value);
}

/// <summary>The baseline: the same interface implemented by a plain object, called directly.</summary>
public sealed class DirectAdder : IAdderGrain
{
    private int _sum;

    public Task<int> Add(int value) => Task.FromResult(_sum += value);
}

/// <summary>
/// Orleans grain calls (one local silo) against direct interface calls. Latency: one awaited call at a time (from outside any grain, and
/// a call through a grain that calls another, which is two calls). Throughput: 256 calls in flight at once over 16
/// grains (for the direct baseline, 256 calls on 16 objects). Read the ratio column.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GrainCallBenchmarks
{
    private const int Batch = 256;
    private const int Grains = 16;

    private IHost _host = null!;
#pragma warning disable CA1859 // the baseline is a call through the interface, as grain code would make it
    private IAdderGrain _direct = null!;
#pragma warning restore CA1859
    private IAdderGrain _grain = null!;
    private IRelayGrain _relay = null!;
    private IAdderGrain[] _directs = null!;
    private IAdderGrain[] _grains = null!;
    private readonly Task<int>[] _inFlight = new Task<int>[Batch];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort.Next(), gatewayPort: 0));
        _host = builder.Build();
        await _host.StartAsync();
        var factory = _host.Services.GetRequiredService<IGrainFactory>();
        _direct = new DirectAdder();
        _grain = factory.GetGrain<IAdderGrain>("single");
        _directs = [.. Enumerable.Range(0, Grains).Select(_ => new DirectAdder())];
        _grains = [.. Enumerable.Range(0, Grains).Select(i => factory.GetGrain<IAdderGrain>($"g{i}"))];
        _relay = factory.GetGrain<IRelayGrain>("relay");
        foreach (var grain in _grains.Append(_grain))
        {
            await grain.Add(0);
        }
        await _relay.Forward(0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("latency")]
    public Task<int> DirectCall() => _direct.Add(1);

    [Benchmark]
    [BenchmarkCategory("latency")]
    public Task<int> GrainCall() => _grain.Add(1);

    [Benchmark]
    [BenchmarkCategory("latency")]
    public Task<int> GrainToGrainCall() => _relay.Forward(1);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    [BenchmarkCategory("throughput")]
    public Task DirectCallsInFlight() => InFlight(_directs);

    [Benchmark(OperationsPerInvoke = Batch)]
    [BenchmarkCategory("throughput")]
    public Task GrainCallsInFlight() => InFlight(_grains);

    private Task<int[]> InFlight(IAdderGrain[] targets)
    {
        for (var i = 0; i < Batch; i++)
        {
            _inFlight[i] = targets[i % Grains].Add(1);
        }
        return Task.WhenAll(_inFlight);
    }
}
