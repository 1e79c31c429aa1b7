using System.Diagnostics;
using Rlvr.Client;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>infra/cluster.sh as a user runs it: up prints the API, the silos form one cluster, kill and down stop what they say.</summary>
public sealed class ClusterScriptTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "rlvr-cluster-script-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task UpStartsAClusterWithOneGpuSiloAndDownStopsEverythingItStarted()
    {
        var up = await Script("up", "--silos", "2");
        Assert.Contains("API: http://127.0.0.1:", up, StringComparison.Ordinal);
        var pids = Directory.GetFiles(_directory, "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4, pids.Count); // two silos, Azurite, Redis

        using (var client = new RlvrClient(new Uri(File.ReadAllText(Path.Combine(_directory, "silo-2.url")).Trim())))
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var status = await client.GetStatusAsync();
            while (status.Cluster.Count(s => s.Status == "Active") < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
                status = await client.GetStatusAsync();
            }
            Assert.Equal(["silo-1", "silo-2"], status.Cluster.Select(s => s.Name));
            Assert.Equal([true, false], status.Cluster.Select(s => s.Gpu));
        }

        Assert.Contains("killed silo-2", await Script("kill", "silo-2"), StringComparison.Ordinal);
        Assert.Contains("cluster stopped", await Script("down"), StringComparison.Ordinal);
        // A SIGKILL is delivered after kill(1) returns: give each process a moment to be gone.
        var gone = DateTime.UtcNow.AddSeconds(10);
        while (pids.Any(Alive) && DateTime.UtcNow < gone)
        {
            await Task.Delay(100);
        }
        Assert.All(pids, pid => Assert.False(Alive(pid), $"process {pid} still runs after down"));
        Assert.False(Directory.Exists(_directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Script("down").GetAwaiter().GetResult();
        }
    }

    private async Task<string> Script(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Find(), "infra", "cluster.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments.Concat(["--dir", _directory]))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("RLVR_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"cluster.sh {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }

    /// <summary>Running: /proc has it and it is not a zombie (whoever reaps orphans may not have yet).</summary>
    private static bool Alive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }
        var text = File.ReadAllText(stat);
        return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
    }
}
