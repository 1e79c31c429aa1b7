using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Sweeps;

/// <summary>
/// One `rlvr silo` on which `rlvr sweep create` has run <see cref="TinySweep"/> (files beside the sweep file) to its
/// end, uninterrupted, while the silo's campaigns were polled: the most that were in progress at once.
/// </summary>
public sealed class SweepSiloFixture : IAsyncLifetime
{
    public const string Id = "tiny";

    public string Root { get; } = Directory.CreateTempSubdirectory("rlvr-sweep-").FullName;

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    public string CreateOutput { get; private set; } = "";

    /// <summary>The most campaigns creating, created, running or paused at once, polled while the sweep ran.</summary>
    public int MostInProgress { get; private set; }

    public SweepInfo Done { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"));
        Client = Silo.CreateClient(maxRetries: 2);
        var file = TinySweep.WriteFiles(Root, Id);
        using var create = RlvrProcess.StartCli(["sweep", "create", file, "--server", Silo.BaseAddress.ToString()], new Dictionary<string, string>());
        var created = create.WaitForExit(Poll.DefaultTimeout);
        var deadline = DateTime.UtcNow + Poll.DefaultTimeout;
        SweepInfo? sweep = null;
        while (sweep?.Status is null or "Running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sweep did not end in time:\n{Silo.Output}");
            var campaigns = await Client.ListCampaignsAsync();
            MostInProgress = Math.Max(MostInProgress, campaigns.Count(c => c.Status is "Creating" or "Created" or "Running" or "Paused"));
            if (created.IsCompleted)
            {
                var exit = await created;
                Assert.True(exit == 0, $"rlvr sweep create exited {exit}:\n{create.Output}");
                sweep = await Client.GetSweepAsync(Id);
            }
            await Task.Delay(50);
        }
        CreateOutput = create.Output;
        Done = sweep;
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
