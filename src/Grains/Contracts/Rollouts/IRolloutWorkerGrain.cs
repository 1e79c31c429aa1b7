using Rlvr.Training.Allocation;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>Samples and scores completions with a given policy version (key: campaign, silo and lane; see the campaign's rollout worker pool).</summary>
[Alias("rlvr.IRolloutWorkerGrain")]
public interface IRolloutWorkerGrain : IGrainWithStringKey
{
    [ResponseTimeout("00:30:00")]
    Task<RolloutBatch> Generate(RolloutRequest request);

    /// <summary>One completion of each prompt (greedy when the temperature is 0), scored: one reward per prompt.</summary>
    [ResponseTimeout("00:30:00")]
    Task<IReadOnlyList<double>> Evaluate(string configHash, long policyVersion, IReadOnlyList<TaskPrompt> prompts, EvaluationSampling sampling);
}

/// <summary>
/// G completions of each prompt by policy <see cref="PolicyVersion"/> in generation <see cref="Round"/> of the step
/// (<see cref="RolloutGroup.ReferenceRound"/> for the DOTS reference set), each prompt's draws seeded by
/// (campaign seed, step, "rollout/&lt;prompt id&gt;/&lt;round&gt;") so chunking across workers changes nothing and a
/// group generated again is the same group. <see cref="GroupSizes"/>, when a strategy allocates rollouts, gives each
/// prompt its own count instead of G. <see cref="ConfigHash"/> names the creation of the campaign the version belongs
/// to: a campaign created again under its id with another configuration starts its versions over.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutRequest")]
public sealed record RolloutRequest(
    ulong CampaignSeed,
    long Step,
    int Round,
    long PolicyVersion,
    IReadOnlyList<TaskPrompt> Prompts,
    SamplingSettings Sampling,
    string ConfigHash,
    IReadOnlyList<int>? GroupSizes = null)
{
    /// <summary>The request for budgeted prompts; without <see cref="GroupSizes"/> when every budget is G.</summary>
    public static RolloutRequest Of(
        ulong campaignSeed, long step, int round, long policyVersion, IReadOnlyList<PromptBudget> prompts, SamplingSettings sampling, string configHash)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(sampling);
        var sizes = prompts.All(p => p.Rollouts == sampling.GroupSize) ? null : prompts.Select(p => p.Rollouts).ToArray();
        return new RolloutRequest(campaignSeed, step, round, policyVersion, [.. prompts.Select(p => p.Prompt)], sampling, configHash, sizes);
    }

    /// <summary>The rollouts of prompt <paramref name="index"/>.</summary>
    public int GroupSizeOf(int index) => GroupSizes?[index] ?? Sampling.GroupSize;
}

/// <summary>How held-out prompts are completed: greedy (temperature 0) or sampled with a seed.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.EvaluationSampling")]
public sealed record EvaluationSampling(int MaxNewTokens, float Temperature, float TopP, ulong Seed);

[GenerateSerializer, Immutable, Alias("rlvr.SamplingSettings")]
public sealed record SamplingSettings(int GroupSize, int MaxNewTokens, float Temperature, float TopP, bool ScaleByStd);

/// <summary>The scored groups and the time spent sampling and verifying them.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutBatch")]
public sealed record RolloutBatch(IReadOnlyList<RolloutGroup> Groups, double SamplingMs, double VerificationMs);
