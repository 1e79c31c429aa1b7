namespace Rlvr.Silo;

/// <summary>The "Silo" configuration section: this silo's place in its cluster and the Orleans settings users tune.</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    public string SiloName { get; set; } = "local";

    /// <summary>Silo-to-silo port; 0 takes a free one (other silos find it in the membership table).</summary>
    public int Port { get; set; }

    /// <summary>
    /// How silos find each other: "Localhost" (default: this silo alone, on loopback), "Redis" or "Azure" (Azure Table
    /// Storage), both with <see cref="MembershipConnectionString"/>, or "Development" (see <see cref="PrimarySilo"/>). A cluster also needs shared grain storage and
    /// checkpoints (Storage:Provider and Storage:Checkpoints Postgres or Azure).
    /// </summary>
    public string Membership { get; set; } = "Localhost";

    public string MembershipConnectionString { get; set; } = "";

    /// <summary>
    /// With "Development" membership (silos of one machine, no Redis or Azure: Orleans keeps the table in the primary
    /// silo's memory), the primary's silo-to-silo endpoint ("127.0.0.1:11111"); empty on the primary itself.
    /// </summary>
    public string PrimarySilo { get; set; } = "";

    public bool Clustered => !Membership.Equals("Localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>The IP address other silos dial this one at; loopback suits a cluster on one machine only.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// What this silo advertises: "Auto" (a GPU silo when the shim sees a CUDA device), "Gpu" or "Cpu". Learners go to
    /// GPU silos; a "Gpu" silo without a CUDA device trains on its CPU (a rehearsal of the placement), with a warning.
    /// </summary>
    public string Role { get; set; } = "Auto";

    /// <summary>Where learners go when the cluster has no GPU silo: "PreferGpu" (a CPU silo, with a warning) or "RequireGpu" (nowhere: the campaign fails and says why).</summary>
    public string Learners { get; set; } = "PreferGpu";

    public string ClusterId { get; set; } = "rlvr";

    public string ServiceId { get; set; } = "rlvr";

    /// <summary>Default timeout of a grain call; the long ones (warm start, update, rollouts) carry their own.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest Orleans message body in bytes (Orleans' default: 100 MB). Policy weights travel through the checkpoint
    /// store, not in messages, so no model size follows from it; the tests lower it to show that.
    /// </summary>
    public int MaxMessageBodySize { get; set; } = 100 * 1024 * 1024;

    /// <summary>An activation without calls for this long is collected (a running campaign's loop keeps its own alive).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
