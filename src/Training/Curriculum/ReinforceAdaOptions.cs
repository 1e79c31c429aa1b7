namespace Rlvr.Training.Curriculum;

/// <summary>
/// Reinforce-Ada parameters (docs/algorithms.md, Reinforce-Ada): n responses kept per prompt, M generated per round,
/// at most R_max rounds, the reward threshold tau above which a response is positive, and the exit rule.
/// </summary>
public sealed record ReinforceAdaOptions(int N = 4, int M = 8, int RMax = 4, double Tau = 0.7, ReinforceAdaExit Exit = ReinforceAdaExit.Balanced);

/// <summary>When a prompt leaves the active set.</summary>
public enum ReinforceAdaExit
{
    /// <summary>Once it has at least n/2 positive and n/2 negative responses.</summary>
    Balanced,

    /// <summary>At its first positive response.</summary>
    PositiveFocused,
}
