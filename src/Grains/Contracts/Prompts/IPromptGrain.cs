using Orleans.Concurrency;
using Rlvr.Grains.Campaigns;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// One prompt of a campaign (key: <see cref="CampaignGrainKeys.Prompt"/>): the prompt text, answer, verifier and
/// distribution, and its statistics, updated after every step that generated groups of it.
/// </summary>
[Alias("rlvr.IPromptGrain")]
public interface IPromptGrain : ICampaignDataGrain
{
    /// <summary>Adds a step's groups of this prompt and stores the statistics; a step already observed is ignored.</summary>
    Task Observe(PromptObservation observation);

    [ReadOnly]
    Task<PromptStatistics> GetStatistics();
}
