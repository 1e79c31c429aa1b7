using Orleans;

namespace Rlvr.Grains.Campaigns;

/// <summary>Wall time of one step by phase, in milliseconds.</summary>
[GenerateSerializer, Immutable]
public sealed record PhaseTimings(
    double SelectionMs,
    double RolloutMs,
    double VerificationMs,
    double UpdateMs,
    double BookkeepingMs,
    double EvaluationMs)
{
    public double TotalMs => SelectionMs + RolloutMs + VerificationMs + UpdateMs + BookkeepingMs + EvaluationMs;
}
