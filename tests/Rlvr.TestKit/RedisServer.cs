using System.Diagnostics;
using System.Globalization;

namespace Rlvr.TestKit;

/// <summary>
/// Debian's redis-server (infra/setup.sh --with-redis) on a free loopback port, in memory only, stopped on disposal, or
/// once this process has gone when it dies first: the membership table of the cluster tests. No redis-server means those
/// tests fail, loudly.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CleanupOnExit _cleanup;

    private RedisServer(Process process, int port)
    {
        _process = process;
        _cleanup = CleanupOnExit.Start($"kill -KILL {process.Id.ToString(CultureInfo.InvariantCulture)}");
        ConnectionString = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A StackExchange.Redis configuration string: host:port.</summary>
    public string ConnectionString { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("redis-server",
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"redis-server not found ({e.Message}): run infra/setup.sh --with-redis.", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await FreePort.AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not answer on port {port}.");
            }
            await Task.Delay(50);
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _cleanup.Dispose();
    }
}
