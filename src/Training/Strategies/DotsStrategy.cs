using System.ComponentModel;
using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Strategies;

/// <summary>
/// DOTS: each prompt's difficulty predicted from a reference set's measured pass rates by attention over prompt
/// embeddings; the prompts predicted nearest to 50% are chosen (docs/algorithms.md, DOTS).
/// </summary>
public sealed class DotsStrategy : SelectionStrategy<DotsConfig>
{
    public static IReadOnlyList<string> CalibrationNames { get; } = ["none", "linear", "platt"];

    public static IReadOnlyList<string> EmbeddingNames { get; } = [DotsConfig.TextEmbedding, DotsConfig.PolicyEmbedding];

    public override string Name => DotsSelector.StrategyName;

    public override string Summary => "prompts whose predicted pass rate is nearest 0.5, predicted from a reference set by attention";

    public override string Paper => "DOTS: Sun et al., NeurIPS 2025 (arXiv 2506.05316)";

    public override bool HashedAtDefaults => true;

    protected override void Validate(DotsConfig options, ConfigErrors errors, string path)
    {
        errors.Positive($"{path}.reference_interval", options.ReferenceInterval);
        if (options.ReferenceSize < 2)
        {
            errors.Add($"{path}.reference_size", $"must be >= 2, got {options.ReferenceSize}");
        }
        errors.Closed01($"{path}.alpha", options.Alpha);
        errors.Positive($"{path}.temperature", options.Temperature);
        errors.Positive($"{path}.attention_temperature", options.AttentionTemperature);
        errors.OneOf($"{path}.calibration", options.Calibration, CalibrationNames);
        errors.OneOf($"{path}.embedding", options.Embedding, EmbeddingNames);
        errors.Positive($"{path}.embedding_dimension", options.EmbeddingDimension);
    }

    protected override IPromptSelector Create(DotsConfig options, SelectionContext context) => new DotsSelector(
        context.Catalog,
        new DotsOptions(options.ReferenceInterval, options.ReferenceSize, options.Alpha, options.Temperature,
            options.AttentionTemperature, Enum.Parse<DifficultyCalibration>(options.Calibration, ignoreCase: true)),
        NeedsPolicyEmbedder(options)
            ? context.PolicyEmbedder ?? throw new ArgumentException("strategy.dots.embedding is 'policy' but no policy embedder was given.", nameof(context))
            : new HashedNGramEmbedder(options.EmbeddingDimension));

    protected override bool NeedsPolicyEmbedder(DotsConfig options) => options.Embedding == DotsConfig.PolicyEmbedding;
}

/// <summary>The <c>strategy.dots</c> block.</summary>
public sealed class DotsConfig
{
    public const string TextEmbedding = "text";
    public const string PolicyEmbedding = "policy";

    [Description("mu: a reference round every this many steps")]
    public int ReferenceInterval { get; set; } = 2;

    [Description("K: prompts in the reference set whose measured pass rates the predictions interpolate")]
    public int ReferenceSize { get; set; } = 256;

    [Description("alpha: the target difficulty; a prompt's selection weight is exp(-|predicted difficulty - alpha| / tau)")]
    public double Alpha { get; set; } = 0.5;

    [Description("tau: the temperature of that selection weight")]
    public double Temperature { get; set; } = 1e-3;

    [Description("T of the attention softmax(cos(e_q, e_i) / T) over reference prompts (stands in for the paper's trained adapter)")]
    public double AttentionTemperature { get; set; } = 0.1;

    [Description("none, linear or platt: how predicted difficulties are calibrated against the reference set")]
    public string Calibration { get; set; } = "linear";

    [Description("text (hashed character n-grams) or policy (the frozen warm-started policy's mean-pooled hidden states)")]
    public string Embedding { get; set; } = TextEmbedding;

    [Description("width of the hashed n-gram embedding")]
    public int EmbeddingDimension { get; set; } = 64;
}
