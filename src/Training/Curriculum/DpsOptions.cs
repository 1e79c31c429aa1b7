namespace Rlvr.Training.Curriculum;

/// <param name="Lambda">lambda: how much of a prompt's transition counts survives a step (the rest returns to A0).</param>
/// <param name="Kappa">kappa: candidates drawn per prompt a round asks for, among which the top ones by score are chosen.</param>
/// <param name="EntropyWeight">w of the score pi[partial] + w H(pi); 0 ranks by pi[partial] alone.</param>
public sealed record DpsOptions(double Lambda = 0.7, int Kappa = 32, double EntropyWeight = 0);
