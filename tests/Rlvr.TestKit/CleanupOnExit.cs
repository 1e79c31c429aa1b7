using System.Diagnostics;
using System.Globalization;

namespace Rlvr.TestKit;

/// <summary>
/// A shell that runs a cleanup command once this process has gone, so that a test host killed before it disposes its
/// servers (kill -9, a crash, Ctrl-C) leaves none of them running. Disposing it, once the owner has cleaned up itself,
/// ends the watch.
/// </summary>
internal sealed class CleanupOnExit : IDisposable
{
    private readonly Process _watch;

    private CleanupOnExit(Process watch) => _watch = watch;

    public static CleanupOnExit Start(string command)
    {
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // A session of its own, so that a signal to the test run's process group does not end the watch with its owner;
        // streams of its own, so that it holds none of the owner's open after the owner dies.
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {owner}; do sleep 1; done; {command}";
        var watch = Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("setsid did not start.");
        return new CleanupOnExit(watch);
    }

    public void Dispose()
    {
        // setsid replaces itself with the shell (it forks only when started as a group leader, which a child is not).
        if (!_watch.HasExited)
        {
            _watch.Kill();
            _watch.WaitForExit();
        }

        _watch.Dispose();
    }
}
