namespace Rlvr.Training.Curriculum;

/// <summary>
/// Prioritised-by-failure parameters: <see cref="Floor"/> keeps solved prompts drawable; the tracked success
/// rate is an exponential moving average giving weight <see cref="Smoothing"/> to each new observation.
/// </summary>
public sealed record PrioritizedOptions(double Floor = 0.05, double Smoothing = 0.5);
