namespace Rlvr.Integration.Tests;

/// <summary>
/// The crash tests' campaign with an allocating strategy (Reinforce-Ada: rounds of rollouts per prompt until its group
/// holds a success and a failure, merged across rounds and down-sampled) and a uniform shadow sample: a step's later
/// rounds depend on its earlier ones, which the rollout ledger must give back the same after a crash.
/// </summary>
public sealed class AllocatingCrashResumeFixture : CrashResumeFixture
{
    protected override string Yaml => ResumeCampaign.Yaml.Replace(
        "strategy:\n  name: dump\n",
        """
        strategy:
          name: reinforce-ada
          shadow_uniform_prompts: 2
          reinforce-ada:
            n: 4
            m: 4
            r_max: 3
        filter:
          name: none

        """,
        StringComparison.Ordinal);
}

/// <summary>
/// A campaign whose strategy allocates rollouts over several rounds a step, killed with kill -9 between its rounds, in
/// its update and around its checkpoints, and restarted, ends exactly as if never killed.
/// </summary>
public sealed class AllocatingCrashResumeTests(AllocatingCrashResumeFixture fixture) : IClassFixture<AllocatingCrashResumeFixture>
{
    public static TheoryData<string> KillPoints() =>
    [
        "mid-rollout:1",
        "mid-update:2",
        "mid-rollout:3",
        "mid-checkpoint-write:4",
        "step-end:5",
    ];

    [Fact]
    public void TheCampaignAllocatesRolloutsOverSeveralRoundsAndRollsOutItsShadowSample()
    {
        // Otherwise the kill points below would not fall between rounds, nor the shadow sample be resumed.
        Assert.Contains(fixture.Reference.Metrics, m => m.Contains("\"rounds\":2", StringComparison.Ordinal) || m.Contains("\"rounds\":3", StringComparison.Ordinal));
        Assert.All(fixture.Reference.Metrics, m => Assert.Contains("\"uniform_yield\":", m, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task KilledAtAnyPointAndRestartedTheAllocatingCampaignEndsExactlyAsIfNeverKilled(string killPoint)
    {
        var data = fixture.NewDataDirectory(killPoint.Replace(':', '-'));
        await fixture.KillAt(data, killPoint);

        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }
}
