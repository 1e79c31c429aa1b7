namespace Rlvr.Silo;

/// <summary>The "Storage" configuration section: where grain state and reminders live.</summary>
internal sealed class SiloStorageOptions
{
    public const string Section = "Storage";

    /// <summary>"Sqlite" (default: one file under <see cref="DataDirectory"/>) or "Postgres" (<see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = "Sqlite";

    public string DataDirectory { get; set; } = "data";

    public string ConnectionString { get; set; } = "";
}
