using Rlvr.Integration.Tests.Api;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Cluster;

/// <summary>A silo whose membership store cannot be reached stops with one message naming the setting, not an abort.</summary>
public sealed class MembershipStartupTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("rlvr-membership-").FullName;

    [Fact]
    public async Task AnUnreachableRedisStopsTheSiloWithExitTwoAndNoStackTrace()
    {
        // Nothing listens on a port just freed.
        using var silo = SiloProcess.Launch(_data, "http://127.0.0.1:0", new Dictionary<string, string>
        {
            ["RLVR_Silo__Membership"] = "Redis",
            ["RLVR_Silo__MembershipConnectionString"] = $"127.0.0.1:{FreePort.Next()}",
        });

        Assert.Equal(2, await silo.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Contains("Redis membership is not usable (Silo:MembershipConnectionString", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
