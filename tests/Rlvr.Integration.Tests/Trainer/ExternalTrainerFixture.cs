using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>One `rlvr silo` for the external-trainer tests, each creating its own campaign on it.</summary>
public sealed class ExternalTrainerFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-trainer-" + Guid.NewGuid().ToString("N"));

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    /// <summary>
    /// The API tests' tiny campaign (DUMP, replay, evaluations every 3 steps, checkpoints every 2) trained by an external
    /// trainer: no warm start (the trainer brings its policy), leases of 2 prompts unless told.
    /// </summary>
    public static string Campaign(int leaseSeconds = 30, int leasePrompts = 2) =>
        ApiCampaigns.With("warm_start:\n  steps: 3\n", "warm_start:\n  steps: 0\n")
        + $"\ntrainer:\n  mode: external\n  lease_seconds: {leaseSeconds}\n  lease_prompts: {leasePrompts}\n";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"));
        Client = Silo.CreateClient();
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
