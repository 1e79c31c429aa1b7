using Rlvr.Training.Curriculum;
using Rlvr.Training.Filters;
using Rlvr.Training.Replay;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Configuration;

/// <summary>
/// The configured combination of a prompt selector, a group filter with its batch accumulator, and an
/// optional replay buffer.
/// </summary>
public sealed record CurriculumSetup(IPromptSelector Selector, IGroupFilter Filter, BatchAccumulator Accumulator, ReplayBuffer? Replay)
{
    /// <param name="policyEmbedder">Required when strategy.dots.embedding is "policy".</param>
    public static CurriculumSetup Create(CampaignConfig config, TaskCatalog catalog, IPromptEmbedder? policyEmbedder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        var filter = CreateFilter(config.Filter);
        var replay = config.Replay.Enabled
            ? new ReplayBuffer(new ReplayOptions(config.Replay.Capacity, config.Replay.FreshFraction, config.Replay.MaxStaleness))
            : null;
        return new CurriculumSetup(
            CreateSelector(config.Strategy, catalog, policyEmbedder),
            filter,
            new BatchAccumulator(filter, config.Grpo.PromptsPerStep, config.Filter.MaxGenerationRounds, config.Filter.Oversample),
            replay);
    }

    private static IGroupFilter CreateFilter(FilterConfig f) => f.Name switch
    {
        NoFilter.FilterName => new NoFilter(),
        DynamicSamplingFilter.FilterName => new DynamicSamplingFilter(),
        BalancedFilter.FilterName => new BalancedFilter(f.Low, f.High),
        _ => throw new CampaignConfigException([$"filter.name: unknown value '{f.Name}'"]),
    };

    private static IPromptSelector CreateSelector(StrategyConfig s, TaskCatalog catalog, IPromptEmbedder? policyEmbedder) => s.Name switch
    {
        UniformSelector.StrategyName => new UniformSelector(catalog),
        DumpSelector.StrategyName => new DumpSelector(catalog, new DumpOptions(s.Dump.Window, s.Dump.Exploration, s.Dump.Temperature)),
        PrioritizedSelector.StrategyName => new PrioritizedSelector(catalog, new PrioritizedOptions(s.Prioritized.Floor, s.Prioritized.Smoothing)),
        DotsSelector.StrategyName => new DotsSelector(
            catalog,
            new DotsOptions(s.Dots.ReferenceInterval, s.Dots.ReferenceSize, s.Dots.Alpha, s.Dots.Temperature,
                s.Dots.AttentionTemperature, Enum.Parse<DifficultyCalibration>(s.Dots.Calibration, ignoreCase: true)),
            s.Dots.Embedding == DotsConfig.PolicyEmbedding
                ? policyEmbedder ?? throw new ArgumentNullException(nameof(policyEmbedder), "strategy.dots.embedding is 'policy' but no policy embedder was given.")
                : new HashedNGramEmbedder(s.Dots.EmbeddingDimension)),
        _ => throw new CampaignConfigException([$"strategy.name: unknown value '{s.Name}'"]),
    };
}
