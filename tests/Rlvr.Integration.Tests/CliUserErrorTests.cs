namespace Rlvr.Integration.Tests;

/// <summary>User errors end `rlvr` with exit code 2 and a message naming what is wrong, never a stack trace.</summary>
public sealed class CliUserErrorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-cli-").FullName;

    [Fact]
    public async Task ADatasetWithBadLinesExits2ListingEveryLine()
    {
        await File.WriteAllLinesAsync(Path.Combine(_root, "bad.jsonl"),
        [
            """{"prompt": "1+1=", "answer": "2", "distribution": "d", "verifier": "numeric"}""",
            """{"prompt": "2+2=", "answer": "four", "distribution": "d", "verifier": "numeric"}""",
            """{"prompt": "3+3=", "answer": "6", "distribution": "d", "verifier": "guess"}""",
        ]);
        var campaign = Path.Combine(_root, "bad.yaml");
        await File.WriteAllTextAsync(campaign, ResumeCampaign.Yaml.Replace(
            "  builtin:\n    - family: addition\n      levels: [1, 2]\n", "  dataset: bad.jsonl\n", StringComparison.Ordinal));

        using var run = RlvrProcess.Start(campaign, Path.Combine(_root, "data"));

        Assert.Equal(2, await run.WaitForExit(Timeout));
        Assert.Contains("bad.jsonl: 2 bad lines:", run.Output, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:2: field 'answer'", run.Output, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: field 'verifier': unknown verifier 'guess'", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
