namespace Rlvr.Training.Configuration;

/// <summary>The prompt-selection strategy by name, with each strategy's parameters in its own block.</summary>
public sealed class StrategyConfig
{
    public string Name { get; set; } = "uniform";

    public DumpConfig Dump { get; set; } = new();

    public DotsConfig Dots { get; set; } = new();

    public PrioritizedConfig Prioritized { get; set; } = new();
}

public sealed class DumpConfig
{
    public int Window { get; set; } = 300;

    public double Exploration { get; set; } = 1.0;

    public double Temperature { get; set; } = 0.1;
}

public sealed class DotsConfig
{
    public int ReferenceInterval { get; set; } = 2;

    public int ReferenceSize { get; set; } = 256;

    public double Alpha { get; set; } = 0.5;

    public double Temperature { get; set; } = 1e-3;

    public double AttentionTemperature { get; set; } = 0.1;

    /// <summary>none, linear or platt.</summary>
    public string Calibration { get; set; } = "linear";

    public const string TextEmbedding = "text";
    public const string PolicyEmbedding = "policy";

    /// <summary>text (hashed character n-grams) or policy (the frozen warm-started policy's mean-pooled hidden states).</summary>
    public string Embedding { get; set; } = TextEmbedding;

    public int EmbeddingDimension { get; set; } = 64;
}

public sealed class PrioritizedConfig
{
    public double Floor { get; set; } = 0.05;

    public double Smoothing { get; set; } = 0.5;
}

/// <summary>
/// The group filter (none, dynamic, balanced) with the balanced band, the cap on generation rounds per
/// step, and how many prompts a refill round generates per missing group.
/// </summary>
public sealed class FilterConfig
{
    public string Name { get; set; } = "none";

    public double Low { get; set; } = 0.2;

    public double High { get; set; } = 0.8;

    public int MaxGenerationRounds { get; set; } = 10;

    public double Oversample { get; set; } = 1.0;
}

/// <summary>Rollout replay: on or off, capacity C, fresh fraction delta, staleness bound N policy versions.</summary>
public sealed class ReplayConfig
{
    public bool Enabled { get; set; }

    public int Capacity { get; set; } = 256;

    public double FreshFraction { get; set; } = 0.5;

    public int MaxStaleness { get; set; } = 4;
}
