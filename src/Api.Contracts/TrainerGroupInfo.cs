namespace Rlvr.Api.Contracts;

/// <summary>
/// A group of a batch: its prompt, where and by which policy it was made, how often it was replayed, the share of a
/// step its loss takes (<see cref="StepScale"/>), and its completions with rewards and advantages.
/// </summary>
public sealed record TrainerGroupInfo(
    string PromptId,
    string Distribution,
    string Prompt,
    long Step,
    int Round,
    long PolicyVersion,
    int Replays,
    double StepScale,
    IReadOnlyList<TrainerCompletionInfo> Completions);
