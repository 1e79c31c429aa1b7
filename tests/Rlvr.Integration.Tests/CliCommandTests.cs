using System.Diagnostics;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// The `rlvr` commands that print data, run as real processes against the shared API silo (whose campaign
/// <see cref="ApiSiloFixture.Done"/> has completed) or without one: their --json output parses to the API's records, their
/// output into a pipe holds no ANSI codes and is not cut at 80 columns, and the files they write validate.
/// </summary>
[Collection(SharedApiSilo.Name)]
public sealed partial class CliCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly ApiSiloFixture _fixture;
    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-cli-commands-").FullName;

    public CliCommandTests(ApiSiloFixture fixture)
    {
        _fixture = fixture;
        File.WriteAllText(Path.Combine(_root, "good.yaml"), ResumeCampaign.Yaml);
        File.WriteAllText(Path.Combine(_root, "bad.yaml"), ResumeCampaign.Yaml.Replace("steps: 6\n", "steps: 0\n", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        File.Copy(Path.Combine(Rlvr.TestKit.RepositoryRoot.Find(), "examples", "dataset.jsonl"), Path.Combine(_root, "data", "set.jsonl"));
    }

    private string Server => _fixture.Silo.BaseAddress.ToString();

    [Fact]
    public async Task CampaignListAndShowPrintTheApisRecordsWithJson()
    {
        var show = JsonSerializer.Deserialize<CampaignInfo>(await Succeed("campaign", "show", ApiSiloFixture.Done, "--json", "--server", Server), ApiJson.Options)!;
        var list = JsonSerializer.Deserialize<List<CampaignInfo>>(await Succeed("campaign", "list", "--json", "--server", Server), ApiJson.Options)!;

        Assert.Equal((ApiSiloFixture.Done, "Completed", (long)ApiCampaigns.Steps), (show.Id, show.Status, show.Step));
        Assert.Equal([0L, 3, 6], show.Evaluations.Select(e => e.Step));
        Assert.Contains(list, c => c.Id == ApiSiloFixture.Done && c.Status == "Completed");
    }

    /// <summary>The effective configuration, saved as printed (comments included), validates to the campaign's own hash.</summary>
    [Fact]
    public async Task ConfigShowPrintsAFileThatValidatesToTheCampaignsHash()
    {
        var campaign = await _fixture.Client.GetCampaignAsync(ApiSiloFixture.Done);
        var file = Path.Combine(_root, "effective.yaml");
        await File.WriteAllTextAsync(file, await Succeed("config", "show", ApiSiloFixture.Done, "--server", Server));
        var json = JsonSerializer.Deserialize<CampaignConfigInfo>(await Succeed("config", "show", ApiSiloFixture.Done, "--json", "--server", Server), ApiJson.Options)!;

        using var validated = JsonDocument.Parse(await Succeed("validate", file, "--json"));
        Assert.Equal(campaign.ConfigHash, validated.RootElement.GetProperty("configHash").GetString());
        Assert.Equal(campaign.ConfigHash, json.ConfigHash);
        Assert.StartsWith($"# campaign {ApiSiloFixture.Done}, configuration {campaign.ConfigHash}\n# family addition: addition/1 (", await File.ReadAllTextAsync(file),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointsAndReplayShowTheCampaignsStores()
    {
        var checkpoints = await Succeed("checkpoints", ApiSiloFixture.Done, "--server", Server);
        var asJson = JsonSerializer.Deserialize<List<CheckpointInfo>>(await Succeed("checkpoints", ApiSiloFixture.Done, "--json", "--server", Server), ApiJson.Options)!;
        var replay = await Succeed("replay", ApiSiloFixture.Done, "--server", Server);
        var replayJson = JsonSerializer.Deserialize<ReplayInfo>(await Succeed("replay", ApiSiloFixture.Done, "--json", "--server", Server), ApiJson.Options)!;

        // Every 2 steps, keeping the last 2: steps 4 and 6 are left.
        Assert.Equal([4L, 6], asJson.Select(c => c.Step));
        Assert.All(asJson, c => Assert.Contains(c.WeightsHash!, checkpoints, StringComparison.Ordinal));
        Assert.True(replayJson.Enabled);
        Assert.Contains($"replay buffer holds {replayJson.Stored} groups; {replayJson.Admitted} admitted and {replayJson.Replayed} replayed so far", replay,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationsExportAsCsvOrJsonToAFileOrStandardOutput()
    {
        var campaign = await _fixture.Client.GetCampaignAsync(ApiSiloFixture.Done);
        var csv = (await Succeed("evaluations", "export", ApiSiloFixture.Done, "--server", Server)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var json = JsonSerializer.Deserialize<List<EvaluationInfo>>(
            await Succeed("evaluations", "export", ApiSiloFixture.Done, "--format", "json", "--server", Server), ApiJson.Options)!;
        var file = Path.Combine(_root, "evaluations.csv");
        var written = await Succeed("evaluations", "export", ApiSiloFixture.Done, "-o", file, "--server", Server);

        Assert.Equal("step,policy_version,greedy_mean,sampled_mean,greedy:addition/1,sampled:addition/1,greedy:addition/2,sampled:addition/2", csv[0]);
        Assert.Equal(campaign.Evaluations.Count + 1, csv.Length);
        var last = campaign.Evaluations[^1];
        Assert.Equal(string.Join(',', new[] { last.Step, last.PolicyVersion }.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(new[] { last.GreedyMean, last.SampledMean, last.Greedy["addition/1"], last.Sampled["addition/1"], last.Greedy["addition/2"], last.Sampled["addition/2"] }
                .Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))), csv[^1]);
        Assert.Equal(campaign.Evaluations, json, (a, b) => a.Step == b.Step && a.SampledMean == b.SampledMean && a.Greedy.SequenceEqual(b.Greedy));
        Assert.Equal(string.Join('\n', csv) + "\n", await File.ReadAllTextAsync(file));
        Assert.Contains($"{campaign.Evaluations.Count} evaluations written to {file}", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsExportInJsonHasOneRecordPerStep()
    {
        var metrics = JsonSerializer.Deserialize<List<StepInfo>>(
            await Succeed("metrics", "export", ApiSiloFixture.Done, "--format", "json", "--server", Server), ApiJson.Options)!;
        var since = JsonSerializer.Deserialize<List<StepInfo>>(
            await Succeed("metrics", "export", ApiSiloFixture.Done, "--format", "json", "--since", "4", "--server", Server), ApiJson.Options)!;

        Assert.Equal(Enumerable.Range(1, ApiCampaigns.Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        Assert.Equal([5L, 6], since.Select(m => m.Step));
        Assert.All(metrics, m => Assert.NotNull(m.Metrics["reward"]));
    }

    /// <summary>Into a pipe (as every process here writes): no escape codes, and rows as wide as their content.</summary>
    [Fact]
    public async Task OutputIntoAPipeIsPlainAndNotCutAt80Columns()
    {
        var outputs = new[]
        {
            await Succeed("campaign", "show", ApiSiloFixture.Done, "--server", Server),
            await Succeed("campaign", "list", "--server", Server),
            await Succeed("curriculum", "show", ApiSiloFixture.Done, "--server", Server),
            await Succeed("checkpoints", ApiSiloFixture.Done, "--server", Server),
            await Succeed("strategies"),
            await Succeed("campaign", "show", ApiSiloFixture.Done, "--watch", "--server", Server),
        };

        Assert.All(outputs, o => Assert.DoesNotContain('\u001b', o));
        var curriculum = outputs[2].Split('\n');
        // The distributions table's header row is whole, on one line longer than 80 columns; no cell is cut short.
        Assert.Contains(curriculum, line => line.Contains("pass rate (its latest step's rollouts)", StringComparison.Ordinal) && line.Length > 80);
        Assert.DoesNotContain('…', outputs[2]);
        Assert.Contains(outputs[3].Split('\n'), line => line.Length > 80);
        // --watch of an ended campaign into a pipe: one plain snapshot, then it returns.
        Assert.Single(outputs[5].Split('\n'), line => line.StartsWith("--- ", StringComparison.Ordinal));
        Assert.Contains($"{ApiSiloFixture.Done}: Completed, step 6/6", outputs[5], StringComparison.Ordinal);
    }

    /// <summary>On a terminal (a pseudo-terminal from script(1)): styled, unless NO_COLOR is set.</summary>
    [Fact]
    public async Task OnATerminalNoColorTurnsTheEscapeCodesOff()
    {
        var styled = await OnATerminal(null, "strategies");
        var plain = await OnATerminal("1", "strategies");

        // Colour and style are SGR sequences (ESC [ ... m); the runtime's own terminal set-up (ESC [?1h) is neither.
        Assert.Matches(Sgr(), styled);
        Assert.Contains("strategy dump", plain, StringComparison.Ordinal);
        Assert.DoesNotMatch(Sgr(), plain);
    }

    [Fact]
    public async Task ValidateAcceptsAGoodFileAndNamesTheFileOfABadOne()
    {
        var good = await Succeed("validate", Path.Combine(_root, "good.yaml"));
        using var bad = RlvrProcess.StartCli(["validate", Path.Combine(_root, "bad.yaml")], new Dictionary<string, string>());

        Assert.Contains($"{Path.Combine(_root, "good.yaml")}: valid", good, StringComparison.Ordinal);
        Assert.Contains("held-out prompts per distribution (tasks.eval_size 4): addition/1 ", good, StringComparison.Ordinal);
        Assert.Equal(2, await bad.WaitForExit(Timeout));
        Assert.Contains($"invalid campaign configuration in {Path.Combine(_root, "bad.yaml")}:", bad.Output, StringComparison.Ordinal);
        Assert.Contains("steps: must be > 0, got 0", bad.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--family", "addition")]
    [InlineData("--family", "knights")]
    [InlineData("--family", "sorting")]
    [InlineData("--dataset", "{root}/data/set.jsonl")]
    public async Task InitWritesACommentedFileThatValidates(string option, string value)
    {
        var file = Path.Combine(_root, "campaigns", "new.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        await Succeed("init", option, value.Replace("{root}", _root, StringComparison.Ordinal), "-o", file);
        var validated = await Succeed("validate", file, "--json");
        using var again = RlvrProcess.StartCli(["init", "-o", file], new Dictionary<string, string>());

        var yaml = await File.ReadAllTextAsync(file);
        Assert.StartsWith("# A campaign over ", yaml, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(validated);
        Assert.True(summary.RootElement.GetProperty("valid").GetBoolean());
        Assert.True(summary.RootElement.GetProperty("distributions").GetArrayLength() > 0);
        if (option == "--dataset")
        {
            Assert.Contains("dataset: ../data/set.jsonl", yaml, StringComparison.Ordinal);
        }
        Assert.Equal(2, await again.WaitForExit(Timeout));
        Assert.Contains("exists; pass --force", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBashCompletionScriptCompletesCommandsAndOptions()
    {
        var script = Path.Combine(_root, "rlvr.bash");
        await File.WriteAllTextAsync(script, await Succeed("completion", "bash"));

        var commands = await Complete(script, "rlvr campaign de");
        var options = await Complete(script, "rlvr evaluations export done --for");

        Assert.Equal("delete", commands.Trim());
        Assert.Equal("--format", options.Trim());
    }

    [Fact]
    public async Task AServerAddressThatIsAPageIsNamedAsSuch()
    {
        using var page = RlvrProcess.StartCli(["campaign", "list", "--server", Server + "dashboard/"], new Dictionary<string, string>());

        Assert.Equal(2, await page.WaitForExit(Timeout));
        Assert.Contains($"--server {Server}dashboard is not a silo's API ({Server}dashboard/api/v1/campaigns answered 404", page.Output, StringComparison.Ordinal);
        Assert.Contains("give the API's root", page.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strategies")]
    [InlineData("validate")]
    [InlineData("init")]
    [InlineData("run")]
    public async Task ServerIsAnOptionOfTheCommandsThatTalkToASiloOnly(string command)
    {
        using var rlvr = RlvrProcess.StartCli([command, Path.Combine(_root, "good.yaml"), "--server", "http://127.0.0.1:9"], new Dictionary<string, string>());

        Assert.Equal(2, await rlvr.WaitForExit(Timeout));
        Assert.Contains("Unrecognized command or argument '--server'", rlvr.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [System.Text.RegularExpressions.GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial System.Text.RegularExpressions.Regex Sgr();

    private static async Task<string> Succeed(params string[] arguments)
    {
        using var rlvr = RlvrProcess.StartCli(arguments, new Dictionary<string, string>());
        var exit = await rlvr.WaitForExit(Timeout);
        Assert.True(exit == 0, $"rlvr {string.Join(' ', arguments)} exited {exit}:\n{rlvr.Output}");
        return rlvr.Output;
    }

    /// <summary>What the completion function of <paramref name="script"/> offers for <paramref name="line"/> (the cursor at its end).</summary>
    private static async Task<string> Complete(string script, string line)
    {
        var words = line.Split(' ');
        var bash = new ProcessStartInfo("bash", ["-c",
            $"source {script}; COMP_LINE='{line}'; COMP_POINT={line.Length}; COMP_WORDS=({line}); COMP_CWORD={words.Length - 1}; _rlvr_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\""])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(bash)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    /// <summary>The build's rlvr on a pseudo-terminal (script(1)), with NO_COLOR set to <paramref name="noColor"/> or unset.</summary>
    private static async Task<string> OnATerminal(string? noColor, params string[] arguments)
    {
        var rlvr = string.Join(' ', new[] { "dotnet", RlvrProcess.CliPath() }.Concat(arguments).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("script", ["-q", "-e", "-c", rlvr, "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        if (noColor is not null)
        {
            start.Environment["NO_COLOR"] = noColor;
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rlvr on a terminal exited {process.ExitCode}:\n{output}");
        return output;
    }
}
