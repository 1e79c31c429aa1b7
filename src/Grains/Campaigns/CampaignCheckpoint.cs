namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's checkpoint at a step (the checkpoint's sequence is the step): the blobs each grain writes and reads,
/// and the manifest's metadata. Prompt statistics and the rollout-group ledger are keyed by step and written once per
/// step, so they need no copy: a step recomputed from the checkpoint finds its own entries and changes nothing.
/// </summary>
public static class CampaignCheckpoint
{
    /// <summary>The learner's policy: weights, KL reference, optimizer moments and the sampling generator's state.</summary>
    public const string PolicyBlob = "policy";

    /// <summary>The curriculum: selector and batch accumulator (carried surplus) states.</summary>
    public const string CurriculumBlob = "curriculum";

    public const string ReplayBlob = "replay";

    /// <summary>The campaign's step counter, policy version, metrics and evaluations.</summary>
    public const string CampaignBlob = "campaign";

    public const string StepKey = "step";
    public const string ConfigHashKey = "config_hash";
    public const string WeightsHashKey = "weights_hash";
}
