using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.External;

/// <summary>
/// The stored state of a campaign's external-trainer gateway, small whatever the campaign's length: the campaign, the
/// open work (its prompts and leases; reported groups go to the rollout ledger, update reports to
/// <see cref="TrainerUpdateLog"/>), and the evaluations reported since the last checkpoint.
/// </summary>
[GenerateSerializer, Alias("rlvr.ExternalTrainerState")]
public sealed class ExternalTrainerState
{
    [Id(0)]
    public CampaignSpec? Spec { get; set; }

    [Id(1)]
    public ExternalWork? Open { get; set; }

    [Id(2)]
    public long ForgottenThrough { get; set; }

    [Id(3)]
    public Dictionary<long, ExternalEvaluation> Evaluations { get; set; } = [];

    /// <summary>
    /// The closed work of the steps after <see cref="ForgottenThrough"/>, by key, with the number of leases it served, so
    /// that a report repeated after its work closed is a duplicate (lease ids are numbered within their work, see
    /// <see cref="TrainerWorkKeys"/>). Bounded by the steps between two checkpoints: forgotten with their step.
    /// </summary>
    [Id(5)]
    public Dictionary<string, int> ClosedWork { get; set; } = new(StringComparer.Ordinal);
}
