namespace Rlvr.Runtime.Hosting;

/// <summary>Options of a silo (bound from the "Silo" configuration section by the host).</summary>
public sealed class SiloOptions
{
    /// <summary>This silo's name in the (future) cluster.</summary>
    public string SiloName { get; set; } = "local";

    /// <summary>Default timeout of every grain call; <see cref="ResponseTimeoutAttribute"/> overrides it per method.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation that has received no call or reminder tick for this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Activations per key of a <see cref="StatelessWorkerAttribute"/> grain that names no count.</summary>
    public int StatelessWorkerMaxLocal { get; set; } = Environment.ProcessorCount;

    /// <summary>Bound on <see cref="Grain.OnDeactivateAsync"/> and on waiting for all activations at shutdown.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
