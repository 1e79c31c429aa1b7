namespace Rlvr.Training.Curriculum;

/// <summary>PuzzleCraft's settings: kappa, the most a group's advantages are scaled down, and alpha, the share of difficulty beside exploration in that (see <see cref="ExplorationWeight"/>).</summary>
public sealed record PuzzleCraftOptions(double DownWeight = 0.8, double DifficultyShare = 0.5);
