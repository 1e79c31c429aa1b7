using System.Text.Json.Serialization;

namespace Rlvr.Training.Configuration;

/// <summary>
/// A training campaign, as written in its YAML file (snake_case keys). Defaults and keys: docs/configuration.md;
/// <see cref="CampaignConfigParser"/> binds and validates it, <see cref="ConfigHash"/> fingerprints it.
/// </summary>
public sealed class CampaignConfig
{
    public ulong Seed { get; set; } = 1;

    /// <summary>
    /// Seeds everything before GRPO: the task pools and held-out split, the policy's initial weights and the warm
    /// start; <see cref="Seed"/> when omitted. Fixing it varies only the RL randomness across seeds, from one base.
    /// </summary>
    public ulong? BaseSeed { get; set; }

    public ulong BaseSeedOrSeed => BaseSeed ?? Seed;

    public int Steps { get; set; } = 100;

    public ModelConfig Model { get; set; } = new();

    public TasksConfig Tasks { get; set; } = new();

    public GrpoConfig Grpo { get; set; } = new();

    public StrategyConfig Strategy { get; set; } = new();

    public FilterConfig Filter { get; set; } = new();

    public ReplayConfig Replay { get; set; } = new();

    public WarmStartConfig WarmStart { get; set; } = new();

    public IntervalConfig Evaluation { get; set; } = new() { Interval = 20 };

    /// <summary>
    /// Generate step t+1's rollouts while the learner updates at step t, with the policy one version behind (the
    /// decoupled objective weighs them by their behavior log-probs). Left out of the hash when off, so that campaigns
    /// from before the option keep their hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Pipeline { get; set; }

    /// <summary>
    /// A generation round's prompts are sampled in this many batches at once, spread over the cluster's silos (see
    /// RolloutWorkerPool); default 2, or 1 pipelined (the update beside it holds a core: a third busy thread on two
    /// cores slowed both, bench/pytorch-vs-product.sh). Part of the configuration, not of the cluster, so that a campaign
    /// gives the same bits on one silo or many. Left out of the hash when omitted.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RolloutBatches { get; set; }

    [JsonIgnore]
    public int RolloutBatchesOrDefault => RolloutBatches ?? (Pipeline ? 1 : 2);

    public CheckpointConfig Checkpoint { get; set; } = new();

    /// <summary>The built-in learner when omitted (and then left out of the hash, so earlier campaigns keep theirs).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrainerConfig? Trainer { get; set; }

    [JsonIgnore]
    public bool ExternalTrainer => Trainer?.IsExternal == true;
}

/// <summary>The policy transformer; its vocabulary comes from the tokenizer, not from here.</summary>
public sealed class ModelConfig
{
    public int Width { get; set; } = 128;

    public int Layers { get; set; } = 4;

    public int Heads { get; set; } = 4;

    public int Context { get; set; } = 96;
}

/// <summary>Every <see cref="Interval"/> steps (evaluation).</summary>
public sealed class IntervalConfig
{
    public int Interval { get; set; }
}

/// <summary>
/// The supervised warm start before GRPO: steps, distributions and their sampling weights (equal when omitted),
/// batch size and learning rate. Small weights on the hard levels leave them solved rarely but not never.
/// </summary>
public sealed class WarmStartConfig
{
    public int Steps { get; set; }

    public List<string> Levels { get; set; } = [];

    public List<double> Weights { get; set; } = [];

    public int BatchSize { get; set; } = 64;

    public double Lr { get; set; } = 1e-3;
}
