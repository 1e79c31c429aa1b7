using Rlvr.Training.Configuration;

namespace Rlvr.Training.Campaigns;

/// <summary>Which steps of a campaign evaluate held-out prompts and which commit a checkpoint.</summary>
public sealed record CampaignSchedule(CampaignConfig Config, int Steps)
{
    public bool IsLast(long step) => step >= Steps;

    /// <summary>Every evaluation.interval steps, and after the last.</summary>
    public bool Evaluates(long step) => IsLast(step) || step % Config.Evaluation.Interval == 0;

    /// <summary>Every checkpoint.interval steps, and after the first and the last.</summary>
    public bool Checkpoints(long step) => IsLast(step) || step == 1 || step % Config.Checkpoint.Interval == 0;
}
