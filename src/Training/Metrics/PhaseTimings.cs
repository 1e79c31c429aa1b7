using Orleans;

namespace Rlvr.Training.Metrics;

/// <summary>
/// Time of one step by phase, in milliseconds, and the step's wall time: their sum when the step runs alone; more than
/// it when pipelined, since the next step's generation phases run beside this step's update; and the campaign's wall
/// time through this step (the sum of its steps' wall times).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.PhaseTimings")]
public sealed record PhaseTimings(
    double SelectionMs,
    double RolloutMs,
    double VerificationMs,
    double UpdateMs,
    double BookkeepingMs,
    double EvaluationMs,
    double WallMs = 0,
    double ElapsedMs = 0)
{
    public double TotalMs => SelectionMs + RolloutMs + VerificationMs + UpdateMs + BookkeepingMs + EvaluationMs;

    /// <summary>The phases of both halves of a step together (wall time aside).</summary>
    public PhaseTimings Plus(PhaseTimings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            SelectionMs + other.SelectionMs,
            RolloutMs + other.RolloutMs,
            VerificationMs + other.VerificationMs,
            UpdateMs + other.UpdateMs,
            BookkeepingMs + other.BookkeepingMs,
            EvaluationMs + other.EvaluationMs);
    }
}
