using System.Diagnostics;
using System.Text;

namespace Rlvr.Integration.Tests;

/// <summary>`rlvr run` in a child process (the build's own CLI), with its output captured, optionally stopped at a kill point.</summary>
internal sealed class RlvrProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _killPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
    public static RlvrProcess Start(string campaignFile, string dataDirectory, string? killPoint = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A free port for the API: tests and processes side by side must not compete for the default one.
        foreach (var argument in new[] { CliPath(), "run", campaignFile, "--data-dir", dataDirectory, "--threads", "1", "--listen", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }
        if (killPoint is not null)
        {
            start.Environment["RLVR_KILL_POINT"] = killPoint;
        }
        var rlvr = new RlvrProcess(new Process { StartInfo = start });
        rlvr._process.OutputDataReceived += (_, e) => rlvr.Record(e.Data);
        rlvr._process.ErrorDataReceived += (_, e) =>
        {
            rlvr.Record(e.Data);
            if (e.Data?.StartsWith("kill-point ", StringComparison.Ordinal) == true)
            {
                rlvr._killPoint.TrySetResult(e.Data);
            }
        };
        rlvr._process.Start();
        rlvr._process.BeginOutputReadLine();
        rlvr._process.BeginErrorReadLine();
        return rlvr;
    }

    /// <summary>Waits until the process stops at its kill point, then kills it with SIGKILL.</summary>
    public async Task KillAtKillPoint(TimeSpan timeout)
    {
        await WaitForKillPoint(timeout);
        Kill();
    }

    /// <summary>Waits until the process stops (and blocks) at its kill point.</summary>
    public async Task WaitForKillPoint(TimeSpan timeout)
    {
        var reached = await Task.WhenAny(_killPoint.Task, _process.WaitForExitAsync(), Task.Delay(timeout));
        if (reached != _killPoint.Task)
        {
            Kill();
            throw new InvalidOperationException($"the process did not reach its kill point (exited: {_process.HasExited}); output:\n{Output}");
        }
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
            }
        }
    }

    /// <summary>The CLI built beside this test project (same configuration and framework).</summary>
    private static string CliPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "Client", "Rlvr.Cli", "bin", testOutput.Parent.Name, testOutput.Name, "rlvr.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the rlvr CLI is not built at {path}");
    }
}
