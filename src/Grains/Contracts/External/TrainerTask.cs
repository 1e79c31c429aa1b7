using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>What an external trainer is asked to do next.</summary>
public enum TrainerTaskKind
{
    /// <summary>Nothing now (every open prompt is leased, or the campaign waits): ask again.</summary>
    Wait,

    /// <summary>Sample a group of completions for each leased prompt and report them.</summary>
    Rollout,

    /// <summary>Complete each leased held-out prompt greedily and sampled, and report both.</summary>
    Evaluate,

    /// <summary>Train on the batch and report the update.</summary>
    Update,

    /// <summary>The campaign has ended.</summary>
    Done,
}

/// <summary>
/// A task for an external trainer: a lease of prompts to roll out or evaluate (with the step, round, policy version,
/// expiry and sampling settings, and each prompt's completions to sample), or the batch of a step to train on.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.TrainerTask")]
public sealed record TrainerTask(
    TrainerTaskKind Kind,
    string? LeaseId = null,
    long Step = 0,
    int Round = 0,
    long PolicyVersion = 0,
    DateTimeOffset? ExpiresUtc = null,
    IReadOnlyList<TaskPrompt>? Prompts = null,
    SamplingSettings? Sampling = null,
    IReadOnlyList<RolloutGroup>? Batch = null,
    IReadOnlyList<int>? Completions = null);
