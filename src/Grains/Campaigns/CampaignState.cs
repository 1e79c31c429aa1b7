using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

/// <summary>The campaign's stored state.</summary>
[GenerateSerializer, Alias("rlvr.CampaignState")]
public sealed class CampaignState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }

    [Id(1)]
    public string? ConfigHash { get; set; }

    [Id(2)]
    public CampaignStatus Status { get; set; }

    [Id(3)]
    public long Step { get; set; }

    [Id(4)]
    public int Steps { get; set; }

    [Id(5)]
    public long PolicyVersion { get; set; }

    [Id(6)]
    public string? WeightsHash { get; set; }

    /// <summary>The step of the last checkpoint this campaign committed or restored.</summary>
    [Id(7)]
    public long? LastCheckpoint { get; set; }

    [Id(8)]
    public string? Error { get; set; }

    /// <summary>The rollout ledger's pages are deleted up to this step (see <see cref="Ledger.RolloutLedger.Prune"/>).</summary>
    [Id(9)]
    public long LedgerPrunedThrough { get; set; }

    /// <summary>Whether the campaign starts once its creation is done, wherever that finishes (see <see cref="CampaignStatus.Creating"/>).</summary>
    [Id(10)]
    public bool StartWhenCreated { get; set; }

    /// <summary>When the creation was accepted; null for a campaign stored before this was.</summary>
    [Id(11)]
    public DateTimeOffset? CreatedUtc { get; set; }
}
