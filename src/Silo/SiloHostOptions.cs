namespace Rlvr.Silo;

/// <summary>The "Silo" configuration section: this silo's place in its cluster and the Orleans settings users tune.</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    public string SiloName { get; set; } = "local";

    /// <summary>Silo-to-silo port; 0 takes a free one (single-silo mode, where nothing else dials it).</summary>
    public int Port { get; set; }

    public string ClusterId { get; set; } = "rlvr";

    public string ServiceId { get; set; } = "rlvr";

    /// <summary>Default timeout of a grain call; the long ones (warm start, update, rollouts) carry their own.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation without calls for this long is collected (a running campaign's loop keeps its own alive).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
