namespace Rlvr.Training.Tasks;

/// <summary>
/// A dataset's prompts in file order, and how many lines repeated an earlier record exactly (merged into it).
/// </summary>
public sealed record DatasetRecords(IReadOnlyList<TaskPrompt> Prompts, int MergedRepeats);
