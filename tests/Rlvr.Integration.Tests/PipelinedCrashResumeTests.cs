namespace Rlvr.Integration.Tests;

/// <summary>The crash tests' campaign, pipelined: its checkpoints carry the next step's batch.</summary>
public sealed class PipelinedCrashResumeFixture : CrashResumeFixture
{
    protected override string Yaml => "pipeline: true\n" + ResumeCampaign.Yaml;
}

/// <summary>
/// A pipelined campaign (the next step's rollouts generated during this step's update, by the policy one version
/// behind) killed with kill -9 anywhere, its update and the next step's rollouts included, and restarted, ends exactly
/// as if never killed.
/// </summary>
public sealed class PipelinedCrashResumeTests(PipelinedCrashResumeFixture fixture) : IClassFixture<PipelinedCrashResumeFixture>
{
    /// <summary>Kill points of step s's update and step s + 1's rollouts, which run side by side, and of the checkpoints.</summary>
    public static TheoryData<string> KillPoints() =>
    [
        "mid-rollout:1",
        "mid-update:1",
        "mid-rollout:2",
        "mid-checkpoint-write:2",
        "checkpoint-committed:2",
        "step-start:3",
        "mid-rollout:4",
        "mid-update:4",
        "mid-checkpoint-write:4",
        "mid-rollout:6",
        "mid-update:6",
        "step-end:6",
    ];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task KilledAtAnyPointAndRestartedThePipelinedCampaignEndsExactlyAsIfNeverKilled(string killPoint)
    {
        var data = fixture.NewDataDirectory(killPoint.Replace(':', '-'));
        await fixture.KillAt(data, killPoint);

        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }
}
