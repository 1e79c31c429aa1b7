namespace Rlvr.Runtime.Tests.Grains;

public interface IWorkerGrain : IGrainWithStringKey
{
    /// <summary>Works for a while and returns the identity of the activation that did it.</summary>
    Task<Guid> Work(int milliseconds);
}

[StatelessWorker(3)]
public sealed class WorkerGrain(Probe probe) : Grain, IWorkerGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public async Task<Guid> Work(int milliseconds)
    {
        await probe.RunTurnAsync(TimeSpan.FromMilliseconds(milliseconds));
        return _activation;
    }
}
