using Rlvr.Runtime.Storage.InMemory;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>What outlives a silo: grain storage, the reminder table and the data directory, so a test can restart a silo over them.</summary>
internal sealed class CampaignStores : IDisposable
{
    public InMemoryGrainStorage Storage { get; } = new();

    public InMemoryReminderTable Reminders { get; } = new();

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("rlvr-campaign-").FullName;

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);
}
