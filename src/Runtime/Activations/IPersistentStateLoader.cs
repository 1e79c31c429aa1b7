namespace Rlvr.Runtime.Activations;

/// <summary>A persistent state that the activation loads before <see cref="Grain.OnActivateAsync"/>.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken = default);
}
