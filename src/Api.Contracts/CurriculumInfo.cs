namespace Rlvr.Api.Contracts;

/// <summary>
/// The live curriculum of a campaign at <see cref="Step"/>: the strategy, every distribution, the prompts the strategy
/// knows of ordered by predicted (else observed) difficulty, hardest first, of which <see cref="PromptsTotal"/> exist,
/// the groups carried to the next step by the batch filter and the groups carried and dropped so far.
/// </summary>
public sealed record CurriculumInfo(
    string CampaignId,
    long Step,
    string Strategy,
    IReadOnlyList<DistributionInfo> Distributions,
    IReadOnlyList<PromptInfo> Prompts,
    int PromptsTotal,
    int CarriedGroups,
    long CarriedTotal,
    long DroppedTotal);
