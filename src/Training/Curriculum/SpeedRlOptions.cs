namespace Rlvr.Training.Curriculum;

/// <summary>
/// SPEED-RL parameters (docs/algorithms.md, SPEED-RL): screening rollouts N_init, continuation rollouts N_cont, prompts
/// per screening batch B_gen, and the cap on screening batches a step may use.
/// </summary>
public sealed record SpeedRlOptions(int NInit = 4, int NCont = 20, int BGen = 64, int MaxNumGenBatches = 50);
