using System.Formats.Tar;
using System.IO.Compression;

namespace Rlvr.Integration.Tests;

/// <summary>
/// Upgrade in place: a data directory that an earlier release left behind, killed mid-run, resumes under the current
/// build and ends exactly as the current build's uninterrupted run. Each fixture in Fixtures/ comes from one release (see
/// Fixtures/README.md), extracted to another path than the one it was made in.
/// </summary>
public sealed class PreviousReleaseDataDirectoryTests(CrashResumeFixture fixture) : IClassFixture<CrashResumeFixture>
{
    /// <summary>The fixture's warm-start cache entry, which the resumed run must use rather than train another.</summary>
    private const string WarmStartEntry = "5e4abbf8ec1e0a32.policy";

    [Theory]
    [InlineData("b648f54")]
    public async Task ADataDirectoryOfAPreviousReleaseKilledMidRunResumesAndEndsAsAnUninterruptedRun(string release)
    {
        var data = Path.Combine(fixture.Root, "release-" + release, "data");
        await Extract(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"data-directory-{release}.tar.gz"), data);

        var output = await fixture.RunToTheEnd(data);

        // The same configuration hash, so the same campaign id and warm-start cache key: the run resumed the fixture's
        // campaign from its last checkpoint, with its cache, rather than creating another beside it.
        Assert.Contains($"Campaign {fixture.CampaignId} restored from checkpoint 4", output, StringComparison.Ordinal);
        Assert.Equal([fixture.CampaignId], CampaignOutcome.CampaignCheckpointDirectories(data).Select(Path.GetFileName));
        Assert.Equal([WarmStartEntry], Directory.GetFiles(Path.Combine(data, "warm-start")).Select(Path.GetFileName));
        CampaignOutcome.AssertSame(fixture.Reference, CampaignOutcome.Read(data));
    }

    private static async Task Extract(string archive, string directory)
    {
        Directory.CreateDirectory(directory);
        await using var file = File.OpenRead(archive);
        await using var tar = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(tar, directory, overwriteFiles: false);
    }
}
