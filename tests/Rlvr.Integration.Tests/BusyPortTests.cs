using System.Net;
using System.Net.Sockets;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// A port another process listens on: `rlvr silo` and `rlvr run` say so in one line naming it, exit 2, and leave
/// nothing behind (the data directory's lock is free for the next silo).
/// </summary>
public sealed class BusyPortTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-busy-port-").FullName;
    private readonly TcpListener _occupant = new(IPAddress.Loopback, 0);

    public BusyPortTests() => _occupant.Start();

    private int Port => ((IPEndPoint)_occupant.LocalEndpoint).Port;

    [Theory]
    [InlineData("silo")]
    [InlineData("run")]
    public async Task ABusyApiPortIsOneLineAndExit2AndTheDataDirectoryIsFreeAfter(string command)
    {
        var data = Path.Combine(_root, command);
        var campaign = Path.Combine(_root, "campaign.yaml");
        await File.WriteAllTextAsync(campaign, ResumeCampaign.Yaml);
        var listen = $"http://127.0.0.1:{Port}";
        string[] arguments = command == "silo"
            ? ["silo", "--data-dir", data, "--listen", listen, "--threads", "1"]
            : ["run", campaign, "--data-dir", data, "--listen", listen, "--threads", "1"];
        using (var rlvr = RlvrProcess.StartCli(arguments, new Dictionary<string, string>()))
        {
            Assert.Equal(2, await rlvr.WaitForExit(Timeout));
            Assert.Contains($"cannot listen on {listen}: the port is in use", rlvr.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", rlvr.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", rlvr.Output, StringComparison.Ordinal);
        }

        using var next = await SiloProcess.Start(data);
    }

    [Fact]
    public async Task ABusySiloPortIsOneLineAndExit2()
    {
        using var rlvr = SiloProcess.Launch(Path.Combine(_root, "silo-port"), "http://127.0.0.1:0",
            new Dictionary<string, string> { ["RLVR_Silo__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(2, await rlvr.WaitForExit(Timeout));
        Assert.Contains("cannot listen on the silo's port (Silo:Port, RLVR_Silo__Port): the port is in use", rlvr.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rlvr.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _occupant.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
