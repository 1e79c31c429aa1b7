namespace Rlvr.Api.Contracts;

/// <summary>
/// A prompt as a trainer gets it: id, distribution, text, and how many completions to sample of it (the group size
/// unless the campaign's strategy gives prompts budgets of their own; 1 in an evaluation).
/// </summary>
public sealed record TrainerPromptInfo(string PromptId, string Distribution, string Prompt, int Completions);
