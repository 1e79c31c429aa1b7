namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>
/// What outlives a silo: the data directory with the SQLite database (grain state and reminders) and the checkpoints,
/// so a test can restart a silo over them.
/// </summary>
internal sealed class CampaignStores : IDisposable
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("rlvr-campaign-").FullName;

    public string Database => Path.Combine(DataDirectory, "rlvr.db");

    public string Checkpoints => Path.Combine(DataDirectory, "checkpoints");

    public void Dispose() => Directory.Delete(DataDirectory, recursive: true);
}
