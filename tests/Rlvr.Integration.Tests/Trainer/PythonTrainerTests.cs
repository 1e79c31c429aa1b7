using System.Diagnostics;
using System.Text.Json;
using Rlvr.Api.Contracts;
using Rlvr.Integration.Tests.Api;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Trainer;

/// <summary>
/// The repository's PyTorch example (examples/external-trainer, Debian's python3-torch, the standard-library client)
/// trains a campaign on a real silo to its end: the campaign's metrics, curriculum and evaluations follow what the
/// script logged of its acknowledged reports.
/// </summary>
public sealed class PythonTrainerTests(ExternalTrainerFixture fixture) : IClassFixture<ExternalTrainerFixture>
{
    private const int Steps = 24;

    [Fact]
    public async Task ThePyTorchExampleTrainsACampaignAndTheCampaignFollowsItsReports()
    {
        const string id = "pytorch";
        var config = ExternalTrainerFixture.Campaign()
            .Replace($"steps: {ApiCampaigns.Steps}\n", $"steps: {Steps}\n", StringComparison.Ordinal);
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, config));
        var log = Path.Combine(fixture.Root, "pytorch-reports.jsonl");

        var (exit, output) = await RunExample(id, log);

        Assert.True(exit == 0, $"external_trainer.py exited {exit}:\n{output}");
        var campaign = await fixture.Client.GetCampaignAsync(id);
        Assert.True(campaign.Status == "Completed", $"{campaign.Status}: {campaign.Error}\n{output}");
        var reports = File.ReadAllLines(log).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var updates = reports.Where(r => r.GetProperty("report").GetString() == "update")
            .ToDictionary(r => r.GetProperty("step").GetInt64());
        var metrics = await fixture.Client.GetMetricsAsync(id);

        Assert.Equal(Enumerable.Range(1, Steps).Select(s => (long)s), metrics.Select(m => m.Step));
        foreach (var m in metrics)
        {
            var update = updates[m.Step];
            Assert.Equal(update.GetProperty("loss").GetDouble(), m.Metric("loss"), 5);
            Assert.Equal(update.GetProperty("entropy").GetDouble(), m.Metric("entropy"), 4);
            Assert.Equal(update.GetProperty("batchReward").GetDouble(), m.Metric("reward"), 9);
        }
        // Every group the script reported is counted once: the steps' tokens (each group once) are the tokens it reported.
        var groups = reports.Where(r => r.GetProperty("report").GetString() == "groups").ToList();
        Assert.Equal(groups.Sum(r => r.GetProperty("tokens").GetInt64()), metrics.Sum(m => m.Metric("tokens")));
        // A prompt drawn twice in a round is one group, reported once, and fills two places of the batch.
        Assert.InRange(groups.Sum(r => r.GetProperty("promptIds").GetArrayLength()), 1, metrics.Sum(m => m.Metric("groups_generated") + m.Metric("reference_groups")));
        // Its held-out answers, scored by the campaign's verifier, at every evaluation step.
        var evaluated = reports.Where(r => r.GetProperty("report").GetString() == "evaluation")
            .Select(r => r.GetProperty("step").GetInt64()).Distinct().Order();
        Assert.Equal(campaign.Evaluations.Select(e => e.Step), evaluated);
    }

    /// <summary>The Python client's example in docs/external-trainer.md, as written there, trains a campaign to its end.</summary>
    [Fact]
    public async Task TheDocumentedExampleRunsAsWritten()
    {
        const string id = "documented";
        await fixture.Client.CreateCampaignAsync(new CreateCampaignRequest(id, ExternalTrainerFixture.Campaign()));
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "external-trainer.md"));
        var section = docs[docs.IndexOf("## Python client", StringComparison.Ordinal)..];
        var start = section.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("\"my-campaign\"", example, StringComparison.Ordinal);
        var script = Path.Combine(fixture.Root, "documented.py");
        await File.WriteAllTextAsync(script, example
            .Replace("http://127.0.0.1:5280", fixture.Silo.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal)
            .Replace("\"my-campaign\"", $"\"{id}\"", StringComparison.Ordinal));
        var run = new ProcessStartInfo("python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        run.Environment["PYTHONPATH"] = Path.Combine(RepositoryRoot.Find(), "clients", "python");

        using var python = Process.Start(run) ?? throw new InvalidOperationException("python3 did not start");
        var output = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await python.WaitForExitAsync(timeout.Token);

        Assert.True(python.ExitCode == 0, $"the documented example exited {python.ExitCode}:\n{await output}");
        var campaign = await fixture.Client.GetCampaignAsync(id);
        Assert.Equal("Completed", campaign.Status);
        var metrics = await fixture.Client.GetMetricsAsync(id);
        Assert.Equal(ApiCampaigns.Steps, metrics.Count);
        Assert.All(metrics, m => Assert.Null(m.Metrics["grad_norm"]));
    }

    private async Task<(int Exit, string Output)> RunExample(string campaign, string log)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "examples", "external-trainer", "run.sh");
        var start = new ProcessStartInfo("bash",
        [
            script, "--server", fixture.Silo.BaseAddress.ToString(), "--campaign", campaign, "--log", log,
            "--width", "32", "--layers", "1", "--heads", "2", "--context", "32",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var python = Process.Start(start) ?? throw new InvalidOperationException("the example did not start");
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await python.WaitForExitAsync(timeout.Token);
        return (python.ExitCode, await stdout + await stderr);
    }
}
