namespace Rlvr.Training.Tasks;

/// <summary>One distribution: its training prompts and its disjoint held-out evaluation prompts.</summary>
public sealed record DistributionPool(string Name, IReadOnlyList<TaskPrompt> Training, IReadOnlyList<TaskPrompt> Evaluation);
