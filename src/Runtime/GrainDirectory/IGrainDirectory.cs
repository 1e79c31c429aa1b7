namespace Rlvr.Runtime.GrainDirectory;

/// <summary>Where each grain is activated: the seam that keeps one activation per grain id across silos.</summary>
internal interface IGrainDirectory
{
    /// <summary>The silo holding the grain's activation, or null when it has none.</summary>
    ValueTask<SiloAddress?> LookupAsync(GrainId grain);

    /// <summary>Claims the grain for <paramref name="silo"/>; returns the silo that holds it (another one if it won the race).</summary>
    ValueTask<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo);

    /// <summary>Releases the claim of <paramref name="silo"/>, if it still holds it.</summary>
    ValueTask UnregisterAsync(GrainId grain, SiloAddress silo);
}
