namespace Rlvr.Runtime;

/// <summary>
/// On a grain class: the grain keeps no identity-bound state, so the silo runs up to
/// <see cref="MaxLocalWorkers"/> activations per key and spreads calls over them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <summary>Up to <see cref="Hosting.SiloOptions.StatelessWorkerMaxLocal"/> activations per key.</summary>
    public StatelessWorkerAttribute() { }

    public StatelessWorkerAttribute(int maxLocalWorkers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLocalWorkers, 1);
        MaxLocalWorkers = maxLocalWorkers;
    }

    /// <summary>Activations per key on one silo; null: the silo's default.</summary>
    public int? MaxLocalWorkers { get; }
}
