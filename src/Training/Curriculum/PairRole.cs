namespace Rlvr.Training.Curriculum;

/// <summary>What a training slot of a Beyond Variance step holds: the hard-but-solvable or the easy-but-brittle prompt of a pair, or an exploration draw.</summary>
public enum PairRole
{
    /// <summary>q+: low but non-zero estimated pass rate; its successes are amplified.</summary>
    HardButSolvable,

    /// <summary>q-: high estimated pass rate below 1; its failures are amplified.</summary>
    EasyButBrittle,

    /// <summary>A prompt drawn uniformly to measure its pass rate; plain GRPO advantages.</summary>
    Explore,
}
