namespace Rlvr.Silo.Api;

/// <summary>The campaign's curriculum has no record of this prompt: 404.</summary>
public sealed class PromptNotFoundException(string campaignId, string promptId)
    : Exception($"the curriculum of campaign '{campaignId}' has no record of prompt '{promptId}': its strategy has neither chosen nor considered it yet.");
