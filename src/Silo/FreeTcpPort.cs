using System.Net;
using System.Net.Sockets;

namespace Rlvr.Silo;

/// <summary>A loopback port that was free a moment ago, for a silo that nobody else needs to find.</summary>
internal static class FreeTcpPort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
