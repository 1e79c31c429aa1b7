using System.Collections.Concurrent;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The campaigns active on this silo, which <see cref="CampaignShutdownCheckpoint"/> checkpoints when the silo stops.
/// The registry lists the cluster's running campaigns: asking those of another silo, or activating one here, would
/// be wrong while this one shuts down.
/// </summary>
public sealed class SiloCampaigns
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Ids => [.. _ids.Keys];

    public void Activated(string id) => _ids.TryAdd(id, 0);

    public void Deactivated(string id) => _ids.TryRemove(id, out _);
}
