namespace Rlvr.Runtime.Tests.Grains;

public interface IDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Stores a reference to another grain in persistent state.</summary>
    Task Remember(ICounterGrain counter);

    /// <summary>Increments the remembered counter through the stored reference.</summary>
    Task<int> IncrementRemembered();

    Task Deactivate();
}

public sealed class DirectoryState
{
    public ICounterGrain? Counter { get; set; }
}

public sealed class DirectoryGrain([PersistentState("directory")] IPersistentState<DirectoryState> directory) : Grain, IDirectoryGrain
{
    public Task Remember(ICounterGrain counter)
    {
        directory.State.Counter = counter;
        return directory.WriteStateAsync();
    }

    public Task<int> IncrementRemembered() =>
        (directory.State.Counter ?? throw new InvalidOperationException("nothing remembered")).Increment();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
