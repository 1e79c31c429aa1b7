namespace Rlvr.Training.Tasks;

/// <summary>A prompt text and its reference answer, as a generator produces them.</summary>
public readonly record struct GeneratedTask(string Prompt, string Answer);
