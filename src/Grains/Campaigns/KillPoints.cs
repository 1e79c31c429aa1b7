namespace Rlvr.Grains.Campaigns;

/// <summary>
/// Where the crash tests kill a campaign's process. When the environment variable <see cref="EnvironmentVariable"/>
/// names a point and step (<c>update:3</c>), the process announces it on stderr on reaching it and stops there, so the
/// test's kill -9 lands exactly at that point. Unset (always, outside those tests), a point costs one comparison.
/// </summary>
public static class KillPoints
{
    public const string EnvironmentVariable = "RLVR_KILL_POINT";

    public const string WarmStart = "warm-start";
    public const string Create = "create";
    public const string StepStart = "step-start";
    public const string MidRollout = "mid-rollout";
    public const string MidSampling = "mid-sampling";

    /// <summary>A rollout silo has the address of a policy version's weights and has not read them yet.</summary>
    public const string MidFetch = "mid-fetch";
    public const string MidUpdate = "mid-update";
    public const string StepEnd = "step-end";
    public const string MidCheckpointWrite = "mid-checkpoint-write";
    public const string CheckpointCommitted = "checkpoint-committed";

    private static readonly string? Target = Environment.GetEnvironmentVariable(EnvironmentVariable);

    public static void Reach(string point, long step)
    {
        if (Target is not null && Target == $"{point}:{step}")
        {
            Console.Error.WriteLine($"kill-point {point}:{step}");
            Console.Error.Flush();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
