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
        // The release logged its steps without the step metrics added since; the steps after the resume log them all.
        var resumed = CampaignOutcome.Read(data);
        Assert.Contains(resumed.Metrics, line => !line.Contains(Marker, StringComparison.Ordinal));
        Assert.Contains(resumed.Metrics, line => line.Contains(Marker, StringComparison.Ordinal));
        var expected = fixture.Reference with
        {
            Metrics = [.. fixture.Reference.Metrics.Zip(resumed.Metrics, (reference, line) =>
                line.Contains(Marker, StringComparison.Ordinal) ? reference : Without(reference, AddedSince))],
        };
        CampaignOutcome.AssertSame(expected, resumed);
    }

    /// <summary>The step metrics added since the fixture's release (the allocation stage's), as metrics.jsonl names them.</summary>
    private static readonly string[] AddedSince = ["rollouts", "groups_informative", "yield", "uniform_yield"];

    /// <summary>A name only a line of this build has ("rollouts" is also a field of the curriculum's distributions).</summary>
    private const string Marker = "\"groups_informative\"";

    /// <summary>The line without the top-level scalars named.</summary>
    private static string Without(string line, string[] names)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
        foreach (var name in names)
        {
            node.Remove(name);
        }
        return node.ToJsonString();
    }

    private static async Task Extract(string archive, string directory)
    {
        Directory.CreateDirectory(directory);
        await using var file = File.OpenRead(archive);
        await using var tar = new GZipStream(file, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(tar, directory, overwriteFiles: false);
    }
}
