namespace Rlvr.Training.Curriculum;

/// <summary>
/// BroRL's settings: N rollouts per chosen prompt, the Beta(alpha, beta) prior of a prompt's pass rate, the weight
/// gamma its earlier counts keep when it is observed again, and the temperature tau of the choice.
/// </summary>
public sealed record BrorlOptions(int N = 64, double PriorAlpha = 0.5, double PriorBeta = 0.5, double Decay = 0.5, double Temperature = 0.05);
