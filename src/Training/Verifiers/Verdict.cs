namespace Rlvr.Training.Verifiers;

/// <summary>The outcome of verifying one completion: reward and, when it is not a plain match, why.</summary>
public readonly record struct Verdict(double Reward, string? Reason)
{
    public static Verdict Correct { get; } = new(1.0, null);

    public static Verdict Wrong(string reason) => new(0.0, reason);

    public bool IsCorrect => Reward >= 1.0;
}
