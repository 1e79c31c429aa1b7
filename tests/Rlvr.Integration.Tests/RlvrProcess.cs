using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests;

/// <summary>`rlvr` (`rlvr run`, `rlvr silo`) in a child process (the build's own CLI), with its output captured, optionally stopped at a kill point.</summary>
internal sealed partial class RlvrProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lines = [];
    private readonly List<LineWaiter> _waiters = [];

    private RlvrProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts `rlvr run <paramref name="campaignFile"/> --data-dir <paramref name="dataDirectory"/> --threads 1`.</summary>
    /// <param name="environment">RLVR_ settings, e.g. another storage backend.</param>
    public static RlvrProcess Start(
        string campaignFile, string dataDirectory, string? killPoint = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (killPoint is not null)
        {
            variables["RLVR_KILL_POINT"] = killPoint;
        }
        // A free port for the API: tests and processes side by side must not compete for the default one.
        return StartCli(["run", campaignFile, "--data-dir", dataDirectory, "--threads", "1", "--listen", "http://127.0.0.1:0"], variables);
    }

    /// <summary>
    /// Starts the build's `rlvr` with <paramref name="arguments"/> and <paramref name="environment"/>. Inherited RLVR_
    /// variables are dropped, so that the test alone decides the configuration the process sees.
    /// </summary>
    public static RlvrProcess StartCli(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("RLVR_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var rlvr = new RlvrProcess(new Process { StartInfo = start });
        rlvr._process.OutputDataReceived += (_, e) => rlvr.Record(e.Data);
        rlvr._process.ErrorDataReceived += (_, e) => rlvr.Record(e.Data);
        rlvr._process.Start();
        rlvr._process.BeginOutputReadLine();
        rlvr._process.BeginErrorReadLine();
        return rlvr;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The first output line (stdout or stderr, printed before or after this call) that matches
    /// <paramref name="pattern"/>; fails if the process exits or <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<Match> WaitForLine(Regex pattern, TimeSpan timeout)
    {
        var waiter = new LineWaiter(pattern);
        lock (_output)
        {
            foreach (var line in _lines)
            {
                if (waiter.TryMatch(line))
                {
                    return waiter.Matched.Task.Result;
                }
            }
            _waiters.Add(waiter);
        }
        var reached = await Task.WhenAny(waiter.Matched.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (reached != waiter.Matched.Task)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output, which may still hold the line
            }
            lock (_output)
            {
                _waiters.Remove(waiter);
            }
            if (waiter.Matched.Task.IsCompleted)
            {
                return await waiter.Matched.Task;
            }
            throw new TimeoutException(
                $"rlvr printed no line matching '{pattern}' (exited: {_process.HasExited}) within {timeout}; output:\n{Output}");
        }
        return await waiter.Matched.Task;
    }

    /// <summary>Waits until the process stops at its kill point, then kills it with SIGKILL.</summary>
    public async Task KillAtKillPoint(TimeSpan timeout)
    {
        await WaitForKillPoint(timeout);
        Kill();
    }

    /// <summary>Waits until the process stops (and blocks) at its kill point; kills it if it does not get there.</summary>
    public async Task WaitForKillPoint(TimeSpan timeout)
    {
        try
        {
            await WaitForLine(KillPointLine(), timeout);
        }
        catch (TimeoutException e)
        {
            Kill();
            throw new InvalidOperationException($"the process did not reach its kill point: {e.Message}", e);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (INT, TERM), as Ctrl+C or a service manager does.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL, at once: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"rlvr did not finish within {timeout}; output:\n{Output}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
                _lines.Add(line);
                _waiters.RemoveAll(w => w.TryMatch(line));
            }
        }
    }

    [GeneratedRegex("^kill-point ")]
    private static partial Regex KillPointLine();

    /// <summary>The CLI built beside this test project (same configuration and framework).</summary>
    internal static string CliPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(RepositoryRoot.Find(), "src", "Cli", "bin", testOutput.Parent!.Name, testOutput.Name, "rlvr.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the rlvr CLI is not built at {path}");
    }

    private sealed class LineWaiter(Regex pattern)
    {
        public TaskCompletionSource<Match> Matched { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryMatch(string line)
        {
            var match = pattern.Match(line);
            return match.Success && Matched.TrySetResult(match);
        }
    }
}
