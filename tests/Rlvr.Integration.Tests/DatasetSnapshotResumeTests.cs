using System.Globalization;
using Rlvr.Integration.Tests.Api;
using Xunit.Abstractions;

namespace Rlvr.Integration.Tests;

/// <summary>
/// A dataset campaign keeps the snapshot taken at creation: `rlvr campaign create` sends the file's content, and
/// after the file is edited and then deleted, a kill -9 and a restart, the campaign ends exactly where one whose file
/// stayed untouched does.
/// </summary>
public sealed class DatasetSnapshotResumeTests(ITestOutputHelper output) : IDisposable
{
    private const string Id = "snapshot";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-dataset-resume-").FullName;

    [Fact]
    public async Task EditingAndDeletingTheDatasetAfterCreationChangesNothingAcrossAKill9AndRestart()
    {
        var reference = Path.Combine(_root, "reference");
        using (var silo = await SiloProcess.Start(reference))
        {
            await Create(silo, WriteCampaign("reference-files"));
            await WaitForCompletion(silo);
        }

        var crashed = Path.Combine(_root, "crashed");
        var files = WriteCampaign("crashed-files");
        int port;
        using (var silo = await SiloProcess.Start(crashed, environment: new Dictionary<string, string> { ["RLVR_KILL_POINT"] = "mid-update:4" }))
        {
            port = silo.Port;
            await Create(silo, files);
            await silo.WaitForKillPoint();
            // Another record set under the same name: a silo that read the path again would train on other answers.
            await File.WriteAllLinesAsync(Path.Combine(Path.GetDirectoryName(files)!, "sums.jsonl"), Records(answerOffset: 1));
            silo.Kill();
        }
        Directory.Delete(Path.GetDirectoryName(files)!, recursive: true);
        using (var silo = await SiloProcess.Start(crashed, $"http://127.0.0.1:{port}"))
        {
            await WaitForCompletion(silo);
        }

        CampaignOutcome.AssertSame(CampaignOutcome.Read(reference), CampaignOutcome.Read(crashed));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task Create(SiloProcess silo, string campaignFile)
    {
        using var create = RlvrProcess.StartCli(
            ["campaign", "create", campaignFile, "--id", Id, "--server", silo.BaseAddress.ToString()], new Dictionary<string, string>());
        var exit = await create.WaitForExit(Timeout);
        Assert.True(exit == 0, $"rlvr campaign create exited {exit}:\n{create.Output}");
        Assert.Contains("80 records", create.Output, StringComparison.Ordinal);
    }

    private async Task WaitForCompletion(SiloProcess silo)
    {
        using var client = silo.CreateClient(maxRetries: 4);
        var done = await Poll.Campaign(client, Id, c => c.Status is not ("Creating" or "Created" or "Running"));
        output.WriteLine($"{silo.DataDirectory}: {done.Status} at step {done.Step}");
        Assert.True(done.Status == "Completed", $"{done.Status}: {done.Error}\n{silo.Output}");
    }

    /// <summary>The campaign file and its dataset in a directory of their own; returns the campaign file's path.</summary>
    private string WriteCampaign(string directory)
    {
        var path = Path.Combine(_root, directory);
        Directory.CreateDirectory(path);
        File.WriteAllLines(Path.Combine(path, "sums.jsonl"), Records(answerOffset: 0));
        var yaml = ResumeCampaign.Yaml
            .Replace("  builtin:\n    - family: addition\n      levels: [1, 2]\n", "  dataset: sums.jsonl\n", StringComparison.Ordinal)
            .Replace("  pool_size: 40\n", "", StringComparison.Ordinal)
            .Replace("levels: [addition/1]", "levels: [sum/1]", StringComparison.Ordinal);
        Assert.Contains("dataset: sums.jsonl", yaml, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(path, "sums.yaml"), yaml);
        return Path.Combine(path, "sums.yaml");
    }

    /// <summary>Sums of one-digit and of two-digit numbers, 40 of each.</summary>
    private static IEnumerable<string> Records(int answerOffset) =>
        Enumerable.Range(0, 40).Select(i => Record("sum/1", i / 7, i % 7, answerOffset))
            .Concat(Enumerable.Range(0, 40).Select(i => Record("sum/2", 10 + (3 * i), 50 - i, answerOffset)));

    private static string Record(string distribution, int a, int b, int answerOffset) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"prompt": "{{a}}+{{b}}=", "answer": "{{a + b + answerOffset}}", "distribution": "{{distribution}}", "verifier": "numeric"}""");
}
