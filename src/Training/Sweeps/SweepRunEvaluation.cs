namespace Rlvr.Training.Sweeps;

/// <summary>A held-out evaluation: pass@1 sampled at the training temperature and greedy, each the mean over distributions.</summary>
public sealed record SweepRunEvaluation(long Step, double Sampled, double Greedy);
