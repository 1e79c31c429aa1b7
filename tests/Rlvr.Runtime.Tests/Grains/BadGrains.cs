namespace Rlvr.Runtime.Tests.Grains;

/// <summary>No grain class implements this interface.</summary>
public interface IUnregisteredGrain : IGrainWithStringKey
{
    Task Ping();
}

public interface IMissingServiceGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>A service no test registers.</summary>
public interface IUnregisteredService;

public sealed class MissingServiceGrain(IUnregisteredService service) : Grain, IMissingServiceGrain
{
    public Task Ping() => Task.FromResult(service);
}

public interface IMissingStorageGrain : IGrainWithStringKey
{
    Task Ping();
}

public sealed class MissingStorageGrain([PersistentState("state", "NoSuchStorage")] IPersistentState<CounterState> state) : Grain, IMissingStorageGrain
{
    public Task Ping() => Task.FromResult(state.State);
}
