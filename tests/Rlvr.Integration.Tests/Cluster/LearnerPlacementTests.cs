namespace Rlvr.Integration.Tests.Cluster;

/// <summary>Silo:Learners=RequireGpu on a silo without the GPU role: the campaign is refused with a message saying why.</summary>
public sealed class LearnerPlacementTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-placement-").FullName;

    [Fact]
    public async Task ALearnerThatRequiresAGpuSiloIsRefusedWhereThereIsNone()
    {
        var file = Path.Combine(_root, "campaign.yaml");
        await File.WriteAllTextAsync(file, ResumeCampaign.Yaml);
        using var run = RlvrProcess.Start(file, Path.Combine(_root, "data"), environment: new Dictionary<string, string>
        {
            ["RLVR_Silo__Role"] = "Cpu",
            ["RLVR_Silo__Learners"] = "RequireGpu",
        });

        Assert.Equal(2, await run.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Contains("needs a GPU silo and the cluster has none (Silo:Learners is RequireGpu)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
