namespace Rlvr.Api.Contracts;

/// <summary>A prompt as a trainer gets it: id, distribution and text.</summary>
public sealed record TrainerPromptInfo(string PromptId, string Distribution, string Prompt);
