using Rlvr.Training.Metrics;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// A step's cost: the rollouts it generated (every group it rolled out, kept, filtered out or DOTS reference, times the
/// group size) and its training time (its wall time less the held-out evaluation, which measures and does not train).
/// </summary>
public sealed record SweepRunStep(long Step, long Rollouts, double TrainingMs)
{
    /// <summary>The cost of <paramref name="m"/>; a step logged before wall times were (0) counts its phases' sum.</summary>
    public static SweepRunStep Of(StepMetrics m, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(m);
        var wall = m.Phases.WallMs > 0 ? m.Phases.WallMs : m.Phases.TotalMs;
        return new SweepRunStep(m.Step, (long)((m[StepMetric.GroupsGenerated] ?? 0) + (m[StepMetric.ReferenceGroups] ?? 0)) * groupSize, wall - m.Phases.EvaluationMs);
    }
}
