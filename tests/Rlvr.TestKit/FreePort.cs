using System.Net;
using System.Net.Sockets;

namespace Rlvr.TestKit;

/// <summary>Loopback ports nothing listens on at the moment of asking, for servers and silos the tests start.</summary>
public static class FreePort
{
    public static int Next() => Distinct(1)[0];

    /// <summary>
    /// Several ports, all different: each is held until all are chosen, since the kernel may hand out a port it just
    /// released again (seen in CI: Azurite's queue and table were both given one port).
    /// </summary>
    public static int[] Distinct(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>True when something accepts connections on the loopback port.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
