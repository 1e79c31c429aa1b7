using Orleans;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>One prompt of a generation round and how many rollouts it gets in that round.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.PromptBudget")]
public sealed record PromptBudget(TaskPrompt Prompt, int Rollouts);
