namespace Rlvr.Grains.Contracts;

/// <summary>
/// What a step does next, as the curriculum scheduler answers BeginStep and each ReportRound: roll out a
/// <see cref="RolloutRound"/> and report it, or train on the <see cref="FreshBatch"/>. These two are the only kinds.
/// </summary>
[GenerateSerializer, Alias("rlvr.StepSelection")]
public abstract record StepSelection
{
    private protected StepSelection()
    {
    }
}
