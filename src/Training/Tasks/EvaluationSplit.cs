using Rlvr.Training.Determinism;
using StableHash = Rlvr.Training.Determinism.StableHash;

namespace Rlvr.Training.Tasks;

/// <summary>
/// Assigns prompt texts to the held-out partition by a seeded hash of the text alone, so the training and
/// evaluation sets are disjoint by construction, for any size of prompt space, and across distributions.
/// </summary>
public sealed class EvaluationSplit
{
    private readonly ulong _seedHash;

    public EvaluationSplit(ulong seed, double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the held-out fraction must be in (0, 1).");
        }
        _seedHash = SplitMix64.Mix(seed ^ 0x5eed_e7a1_0000_0001UL);
        Fraction = fraction;
    }

    public double Fraction { get; }

    public bool IsHeldOut(string promptText) =>
        StableHash.ToUnitInterval(StableHash.Combine(_seedHash, StableHash.Of(promptText))) < Fraction;
}
