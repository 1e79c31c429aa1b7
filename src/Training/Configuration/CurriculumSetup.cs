using Rlvr.Training.Curriculum;
using Rlvr.Training.Filters;
using Rlvr.Training.Replay;
using Rlvr.Training.Strategies;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Configuration;

/// <summary>
/// The configured combination of a prompt selector, a group filter with its batch accumulator, and an
/// optional replay buffer.
/// </summary>
public sealed record CurriculumSetup(IPromptSelector Selector, IGroupFilter Filter, BatchAccumulator Accumulator, ReplayBuffer? Replay)
{
    /// <param name="policyEmbedder">The frozen policy's embedder, for a strategy that asks for it (DOTS with policy embeddings).</param>
    public static CurriculumSetup Create(CampaignConfig config, TaskCatalog catalog, IPromptEmbedder? policyEmbedder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        var filter = StrategyRegistry.Filter(config.Filter.Name).Create(config.Filter);
        var replay = config.Replay.Enabled ? StrategyRegistry.ReplayPolicies[0].Create(config.Replay) : null;
        var selector = StrategyRegistry.Strategy(config.Strategy.Name).Create(
            config.Strategy.ChosenBlock, new SelectionContext(catalog, policyEmbedder, config.Grpo.GroupSize, config.Grpo.PromptsPerStep, !config.Grpo.DrGrpo));
        return new CurriculumSetup(
            selector,
            filter,
            new BatchAccumulator(filter, config.Grpo.PromptsPerStep, config.Filter.MaxGenerationRounds, config.Filter.Oversample, selector as IGeneratedGroupObserver),
            replay);
    }
}
