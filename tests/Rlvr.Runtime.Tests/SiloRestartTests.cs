using System.Diagnostics;

namespace Rlvr.Runtime.Tests;

/// <summary>A real silo process (SQLite file storage) killed with SIGKILL and started again.</summary>
public sealed class SiloRestartTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("rlvr-silo-restart-").FullName;

    private string TickLog => Path.Combine(_dataDirectory, "ticks.log");

    [Fact]
    public async Task ReminderFiresAfterTheSiloIsKilledAndRestarted()
    {
        using (var first = StartSilo("register"))
        {
            await WaitForTickAsync(first);
            first.Kill();
            await first.WaitForExitAsync();
        }

        using var second = StartSilo();
        try
        {
            await WaitForTickAsync(second);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private Process StartSilo(params string[] extraArguments)
    {
        // tests/Rlvr.Runtime.Tests/bin/<configuration>/<framework>/ -> tests/Rlvr.Runtime.TestSilo/bin/<configuration>/<framework>/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var siloDll = Path.Combine(testOutput.Parent!.Parent!.Parent!.Parent!.FullName, "Rlvr.Runtime.TestSilo", "bin",
            testOutput.Parent.Name, testOutput.Name, "Rlvr.Runtime.TestSilo.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(siloDll);
        start.ArgumentList.Add(_dataDirectory);
        foreach (var argument in extraArguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <paramref name="silo"/> itself has logged a reminder tick.</summary>
    private async Task WaitForTickAsync(Process silo)
    {
        var line = $"tick {silo.Id}";
        var deadline = DateTime.UtcNow + Wait;
        while (!File.Exists(TickLog) || !(await File.ReadAllLinesAsync(TickLog)).Contains(line))
        {
            Assert.False(silo.HasExited, $"silo exited with code {(silo.HasExited ? silo.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, $"no '{line}' within {Wait}");
            await Task.Delay(50);
        }
    }
}
