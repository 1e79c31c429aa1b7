namespace Rlvr.Silo;

/// <summary>The "Storage" configuration section: where grain state, reminders, checkpoints and campaign files live.</summary>
public sealed class SiloStorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// Grain state and reminders: "Sqlite" (default: rlvr.db under <see cref="DataDirectory"/>), "Postgres" or "Azure"
    /// (Azure Table Storage; both with <see cref="ConnectionString"/>).
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Campaign files (metrics, evaluations, warm-start cache), the SQLite database and local checkpoints.</summary>
    public string DataDirectory { get; set; } = "data";

    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Checkpoint store: "Local" (default: <see cref="CheckpointDirectory"/>), "Postgres" or "Azure" (Blob Storage; both
    /// with <see cref="ConnectionString"/>, for clusters).
    /// </summary>
    public string Checkpoints { get; set; } = "Local";

    /// <summary>The Azure Blob container of the checkpoints when <see cref="Checkpoints"/> is "Azure" (created if absent).</summary>
    public string CheckpointContainer { get; set; } = "rlvr-checkpoints";

    /// <summary>Local checkpoints; default: checkpoints/ under <see cref="DataDirectory"/>.</summary>
    public string? CheckpointDirectory { get; set; }

    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);
}
