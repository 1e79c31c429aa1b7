using Rlvr.Storage.Resilience;

namespace Rlvr.Cli;

/// <summary>
/// What stops a silo at start-up for a reason a user can fix: a storage or membership store the configuration points at
/// that cannot be reached or refuses writes (wherever in Orleans' start-up it surfaced), named with the settings to look at.
/// </summary>
internal static class SiloStartFailure
{
    public static string? Describe(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException storage)
            {
                return storage.Backend?.EndsWith(" membership", StringComparison.Ordinal) == true
                    ? $"{storage.Message}{Environment.NewLine}Check the membership settings (Silo:Membership, " +
                        "Silo:MembershipConnectionString, or their RLVR_Silo__ variables)."
                    : $"{storage.Message}{Environment.NewLine}Check the Storage settings (Storage:Provider, Storage:Checkpoints, " +
                        "Storage:ConnectionString, Storage:DataDirectory, or their RLVR_Storage__ variables).";
            }
        }
        return null;
    }
}
