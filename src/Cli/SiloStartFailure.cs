using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Rlvr.Storage.Resilience;

namespace Rlvr.Cli;

/// <summary>
/// What stops a silo at start-up for a reason a user can fix: a port in use, or a storage or membership store the
/// configuration points at that cannot be reached or refuses writes (wherever in Orleans' start-up it surfaced), named
/// with the settings to look at.
/// </summary>
internal static partial class SiloStartFailure
{
    public static string? Describe(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                // Kestrel's "Failed to bind to address http://127.0.0.1:5290: address already in use." names the API's
                // URL; otherwise it is Orleans' own endpoint.
                return BindAddress().Match(error.ToString()) is { Success: true } bind
                    ? $"cannot listen on {bind.Groups["url"].Value}: the port is in use (another process listens there; pick another with --listen)"
                    : $"cannot listen on the silo's port (Silo:Port, RLVR_Silo__Port): the port is in use ({e.Message})";
            }
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

    [GeneratedRegex(@"Failed to bind to address (?<url>\S+): address already in use")]
    private static partial Regex BindAddress();
}
