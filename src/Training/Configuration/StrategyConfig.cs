using System.ComponentModel;
using System.Text.Json.Serialization;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Strategies;

namespace Rlvr.Training.Configuration;

/// <summary>
/// The prompt-selection strategy by name, with each registered strategy's parameters in its own block
/// (<c>strategy.dump.window</c>): every block holds its defaults until the file sets it, and is validated whichever
/// strategy is chosen.
/// </summary>
[JsonConverter(typeof(StrategyConfigJsonConverter))]
public sealed class StrategyConfig : IConfigSections
{
    private readonly Dictionary<string, object> _blocks = StrategyRegistry.Strategies
        .Where(s => s.OptionsType is not null)
        .ToDictionary(s => s.Name, s => Activator.CreateInstance(s.OptionsType!)!, StringComparer.Ordinal);

    public string Name { get; set; } = UniformSelector.StrategyName;

    [Description("prompts a step draws uniformly and rolls out beside its batch, never training on them, to report what uniform selection would yield (uniform_yield); 0 for none")]
    public int ShadowUniformPrompts { get; set; }

    /// <summary>The blocks by strategy name.</summary>
    public IReadOnlyDictionary<string, object> Blocks => _blocks;

    /// <summary>The chosen strategy's block; null for a strategy without parameters.</summary>
    public object? ChosenBlock => _blocks.GetValueOrDefault(Name);

    /// <summary>The block of the strategy whose options are <typeparamref name="TOptions"/>.</summary>
    public TOptions Options<TOptions>()
        where TOptions : class => _blocks.Values.OfType<TOptions>().Single();

    IEnumerable<string> IConfigSections.SectionKeys => _blocks.Keys;

    object? IConfigSections.Section(string key) => _blocks.GetValueOrDefault(key);
}

/// <summary>
/// The group filter (none, dynamic, balanced) with the balanced band, the cap on generation rounds per
/// step, and how many prompts a refill round generates per missing group.
/// </summary>
public sealed class FilterConfig
{
    public string Name { get; set; } = "none";

    [Description("the lowest group pass rate the balanced filter keeps")]
    public double Low { get; set; } = 0.2;

    [Description("the highest group pass rate the balanced filter keeps")]
    public double High { get; set; } = 0.8;

    [Description("generation rounds a step may take to fill its batch before it fails (DAPO's max_num_gen_batches)")]
    public int MaxGenerationRounds { get; set; } = 10;

    [Description("prompts a refill round generates per missing group")]
    public double Oversample { get; set; } = 1.0;
}

/// <summary>Rollout replay: on or off, capacity C, fresh fraction delta, staleness bound N policy versions.</summary>
public sealed class ReplayConfig
{
    [Description("whether groups are stored and replayed")]
    public bool Enabled { get; set; }

    [Description("C: the most groups the buffer holds")]
    public int Capacity { get; set; } = 256;

    [Description("delta: the share of each batch that is freshly generated")]
    public double FreshFraction { get; set; } = 0.5;

    [Description("N: a group generated more than N policy versions ago is not replayed")]
    public int MaxStaleness { get; set; } = 4;
}
