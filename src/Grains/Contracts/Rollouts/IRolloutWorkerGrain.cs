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
/// group generated again is the same group. <see cref="ConfigHash"/> names the creation of the campaign the version
/// belongs to: a campaign created again under its id with another configuration starts its versions over.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutRequest")]
public sealed record RolloutRequest(
    ulong CampaignSeed,
    long Step,
    int Round,
    long PolicyVersion,
    IReadOnlyList<TaskPrompt> Prompts,
    SamplingSettings Sampling,
    string ConfigHash);

/// <summary>How held-out prompts are completed: greedy (temperature 0) or sampled with a seed.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.EvaluationSampling")]
public sealed record EvaluationSampling(int MaxNewTokens, float Temperature, float TopP, ulong Seed);

[GenerateSerializer, Immutable, Alias("rlvr.SamplingSettings")]
public sealed record SamplingSettings(int GroupSize, int MaxNewTokens, float Temperature, float TopP, bool ScaleByStd);

/// <summary>The scored groups and the time spent sampling and verifying them.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutBatch")]
public sealed record RolloutBatch(IReadOnlyList<RolloutGroup> Groups, double SamplingMs, double VerificationMs);
