namespace Rlvr.Integration.Tests;

/// <summary>
/// The exactness property, with real processes: training N steps equals training to a kill point, kill -9, restarting
/// the same command, and training to N: the same weights, optimizer and generator state, curriculum, replay buffer,
/// prompt statistics, rollout-group ledger, metrics and evaluations.
/// </summary>
public sealed class CrashResumeTests(CrashResumeFixture fixture) : IClassFixture<CrashResumeFixture>
{
    /// <summary>Every kind of kill point, at steps before, at and between checkpoints (0, 1, 2, 4, 6), the last step included.</summary>
    public static TheoryData<string> KillPoints() =>
    [
        "create:0",
        "mid-checkpoint-write:0",
        "step-start:1",
        "mid-rollout:1",
        "mid-update:1",
        "mid-checkpoint-write:1",
        "step-start:2",
        "mid-update:2",
        "checkpoint-committed:2",
        "mid-rollout:3",
        "step-end:3",
        "step-start:4",
        "mid-update:4",
        "mid-checkpoint-write:4",
        "mid-rollout:5",
        "mid-update:5",
        "step-end:5",
        "mid-rollout:6",
        "mid-update:6",
        "mid-checkpoint-write:6",
        "checkpoint-committed:6",
        "step-end:6",
    ];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task KilledAtAnyPointAndRestartedTheCampaignEndsExactlyAsIfNeverKilled(string killPoint)
    {
        var data = fixture.NewDataDirectory(killPoint.Replace(':', '-'));
        await fixture.KillAt(data, killPoint);

        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    [Fact]
    public async Task KilledTwiceInARowTheCampaignStillEndsExactlyAsIfNeverKilled()
    {
        var data = fixture.NewDataDirectory("twice");
        foreach (var killPoint in new[] { "mid-update:3", "mid-update:5" })
        {
            await fixture.KillAt(data, killPoint);
        }

        await fixture.RunToTheEnd(data);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    /// <summary>Stored state holds no absolute path: a data directory restored elsewhere resumes there.</summary>
    [Fact]
    public async Task KilledAndItsDataDirectoryMovedElsewhereTheCampaignResumesThereExactlyAsIfNeverKilled()
    {
        var data = fixture.NewDataDirectory("before-move");
        await fixture.KillAt(data, "mid-update:3");
        var moved = Path.Combine(fixture.Root, "moved", "data");
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(data, moved);

        await fixture.RunToTheEnd(moved);

        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(moved));
    }

    [Fact]
    public async Task ACorruptLatestCheckpointFallsBackToThePreviousOneAndStillEndsExactly()
    {
        var data = fixture.NewDataDirectory("corrupt");
        await fixture.KillAt(data, "step-start:5");
        // Checkpoint 4 is the latest; truncate its policy blob, so the restart must fall back to checkpoint 2.
        var owner = CampaignOutcome.CampaignCheckpointDirectories(data).Single();
        var policy = Path.Combine(owner, "000000000004", "policy.blob");
        var bytes = await File.ReadAllBytesAsync(policy);
        await File.WriteAllBytesAsync(policy, bytes[..(bytes.Length / 2)]);

        var output = await fixture.RunToTheEnd(data);

        Assert.Contains("checkpoint 4", output, StringComparison.Ordinal);
        Assert.Contains("truncated", output, StringComparison.Ordinal);
        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }
}
