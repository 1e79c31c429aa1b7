namespace Rlvr.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>Changes the state without writing it.</summary>
    Task IncrementWithoutSaving();

    [ReadOnly]
    Task<int> Read();

    Task Deactivate();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public sealed class CounterGrain(Probe probe, [PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate {GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate {GetPrimaryKeyString()} {reason}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task IncrementWithoutSaving()
    {
        counter.State.Value++;
        return Task.CompletedTask;
    }

    public Task<int> Read() => Task.FromResult(counter.State.Value);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
