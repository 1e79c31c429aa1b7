using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>One `rlvr silo` for the external-trainer tests, each creating its own campaign on it.</summary>
public sealed class ExternalTrainerFixture : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-trainer-" + Guid.NewGuid().ToString("N"));

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    /// <summary>The API tests' tiny campaign (DUMP, replay, evaluations every 3 steps) trained by an external trainer.</summary>
    public static string Campaign(int leaseSeconds = 30) =>
        ApiCampaigns.Tiny + $"\ntrainer:\n  mode: external\n  lease_seconds: {leaseSeconds}\n  lease_prompts: 2\n";

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
