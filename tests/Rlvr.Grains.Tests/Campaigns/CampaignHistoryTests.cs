using Rlvr.Grains.Campaigns;
using Rlvr.Storage.Logs;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Tests.Campaigns;

/// <summary>The history on the local record-log store (files of JSON lines); each open is a new store, as after a restart.</summary>
public sealed class CampaignHistoryTests : IDisposable
{
    private const string Id = "c";

    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-history-").FullName;
    private readonly List<LocalRecordLogStore> _stores = [];

    private string MetricsFile => Path.Combine(_directory, Id, CampaignHistory.FileName);

    private static StepMetrics Metrics(long step) => new(
        step, step, new Dictionary<string, double> { ["d"] = step / 10.0 }, new PhaseTimings(1, 2, 3, 4, 5, 0), null,
        new Dictionary<string, double?> { ["reward"] = 0.5, ["loss"] = 0.1, ["tokens"] = 10 * step, ["prediction_correlation"] = null });

    private static EvaluationResult Evaluation(long step) =>
        new(step, step, new Dictionary<string, double> { ["d"] = step / 100.0 }, new Dictionary<string, double> { ["d"] = 0 });

    [Fact]
    public async Task OpeningCutsATornLineAndCuttingAtACheckpointTheStepsAfterIt()
    {
        var history = await CampaignHistory.CreateAsync(Logs(), Id, Evaluation(0));
        for (var step = 1; step <= 6; step++)
        {
            if (step % 3 == 0)
            {
                await history.AppendAsync(Evaluation(step));
            }
            await history.AppendAsync(Metrics(step));
        }
        // A crash in the middle of writing step 7's line.
        await File.AppendAllTextAsync(MetricsFile, "{\"step\":7,\"rew");

        var resumed = await CampaignHistory.OpenAsync(Logs(), Id);
        Assert.Equal(6, resumed.Latest!.Step);
        Assert.Equal(6, File.ReadAllLines(MetricsFile).Length);
        await resumed.CutAsync(4);

        Assert.Equal([0L, 3L], resumed.Evaluations.Select(e => e.Step));
        Assert.Equal(4, resumed.Latest!.Step);
        Assert.Equal([3L, 4L], (await resumed.ReadMetricsAsync(2)).Select(m => m.Step));
        Assert.Equal(4, File.ReadAllLines(MetricsFile).Length);
        // Appending after the cut continues the log as if the campaign had stopped at step 4.
        await resumed.AppendAsync(Metrics(5));
        var reread = await CampaignHistory.OpenAsync(Logs(), Id);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], (await reread.ReadMetricsAsync(0)).Select(m => m.Step));
        Assert.Equal(Metrics(5).PassRates, (await reread.ReadMetricsAsync(4)).Single().PassRates);
    }

    [Fact]
    public async Task ANewCampaignStartsItsLogsOver()
    {
        var first = await CampaignHistory.CreateAsync(Logs(), Id, Evaluation(0));
        await first.AppendAsync(Metrics(1));

        var again = await CampaignHistory.CreateAsync(Logs(), Id, Evaluation(0));

        Assert.Empty(await again.ReadMetricsAsync(0));
        Assert.Null((await CampaignHistory.OpenAsync(Logs(), Id)).Latest);
        Assert.Single(again.Evaluations);
    }

    [Fact]
    public async Task ALogThatIsNotOneRecordPerStepIsRefusedNamingTheRecord()
    {
        var history = await CampaignHistory.CreateAsync(Logs(), Id, Evaluation(0));
        await history.AppendAsync(Metrics(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => history.AppendAsync(Metrics(3)));
        await File.AppendAllTextAsync(MetricsFile, File.ReadAllText(MetricsFile));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CampaignHistory.OpenAsync(Logs(), Id));
        Assert.Contains("record 2 of metrics.jsonl is step 1", error.Message);
    }

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        Directory.Delete(_directory, recursive: true);
    }

    private LocalRecordLogStore Logs()
    {
        var store = new LocalRecordLogStore(_directory);
        _stores.Add(store);
        return store;
    }
}
