using Orleans;
using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.External;

/// <summary>
/// The stored state of a campaign's external-trainer gateway: the campaign, the open work, and the updates and
/// evaluations reported since the last checkpoint (a restore replays them; a checkpoint forgets those behind it).
/// </summary>
[GenerateSerializer]
public sealed class ExternalTrainerState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }

    [Id(1)]
    public ExternalWork? Open { get; set; }

    [Id(2)]
    public Dictionary<long, TrainerUpdateReport> Updates { get; set; } = [];

    [Id(3)]
    public Dictionary<long, ExternalEvaluation> Evaluations { get; set; } = [];

    /// <summary>The lease books of the last closed work, so that a report repeated after its work closed is a duplicate.</summary>
    [Id(4)]
    public List<TrainerLeaseBookState> Closed { get; set; } = [];
}
