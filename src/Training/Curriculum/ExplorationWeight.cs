namespace Rlvr.Training.Curriculum;

/// <summary>
/// PuzzleCraft's group weight as implemented here: w = 1 - kappa * ((1 - alpha) * (1 - e) + alpha * p), e the group's
/// answer dispersion, 1 - e its collapse, p its pass rate (1 - difficulty). A collapsed easy group keeps 1 - kappa of its
/// advantages, a dispersed hard one nearly all; alpha sets how much difficulty counts beside exploration.
/// </summary>
public static class ExplorationWeight
{
    public static double Of(double passRate, double dispersion, double kappa, double alpha) =>
        1 - kappa * ((1 - alpha) * (1 - dispersion) + alpha * passRate);
}
