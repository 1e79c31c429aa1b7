using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Tests.Campaigns;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Resilience;
using Rlvr.Storage.Sqlite;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Tests.Faults;

/// <summary>
/// A campaign whose grain storage and checkpoint store fail on a seeded share of writes, before reaching storage or
/// after committing (outcome unknown), behind the production retry decorators: it must train exactly as a campaign on
/// healthy storage does (same weights, metrics, curriculum), and its stored state must be whole afterwards.
/// </summary>
public sealed class CampaignStorageFaultTests
{
    private const int Steps = 8;

    private static readonly StorageRetryOptions FastRetries = new() { MaxRetryAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task FailedAndUnknownOutcomeWritesDuringACampaignAreRetriedAndChangeNothing()
    {
        var healthy = await Train(faults: null);
        var faults = new FlakyStorageFaults(seed: 5, failBefore: 0.15, failAfterCommit: 0.1);
        var flaky = await Train(faults);

        Assert.True(faults.FailedBefore > 5 && faults.FailedAfterCommit > 3, $"injected {faults.FailedBefore} failed and {faults.FailedAfterCommit} unknown-outcome writes");
        Assert.Equal(CampaignStatus.Completed, flaky.Status);
        Assert.Equal(healthy.WeightsHash, flaky.WeightsHash);
        Assert.Equal(healthy.Metrics, flaky.Metrics);
        Assert.Equal(healthy.Curriculum, flaky.Curriculum);
        Assert.Equal(healthy.CheckpointSteps, flaky.CheckpointSteps);
    }

    private sealed record Outcome(CampaignStatus Status, string WeightsHash, IReadOnlyList<string> Metrics, string Curriculum, IReadOnlyList<long> CheckpointSteps);

    private static async Task<Outcome> Train(FlakyStorageFaults? faults)
    {
        using var stores = new CampaignStores();
        var database = new SqliteGrainStorage("flaky", new SqliteStorageOptions { DatabasePath = stores.Database });
        IGrainStorage storage = faults is null
            ? database
            : new ResilientGrainStorage(new FlakyGrainStorage(database, faults), "flaky", FastRetries, NullLogger<ResilientGrainStorage>.Instance);
        await using var silo = await CampaignSilo.StartAsync(stores, s =>
        {
            s.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (_, _) => storage);
            s.UseSqliteReminderService(stores.Database);
            s.Services.AddCheckpointStore("flaky local", _ => faults is null
                ? new LocalCheckpointStore(stores.Checkpoints)
                : new FlakyCheckpointStore(new LocalCheckpointStore(stores.Checkpoints), faults), FastRetries);
        });
        var grains = silo.Grains;
        var campaign = grains.GetGrain<ICampaignGrain>("flaky");
        await campaign.Create(new CampaignSpec(CampaignGrainTests.TinyCampaign, Steps));
        await campaign.Start();
        var progress = await CampaignSilo.WaitUntilDone(campaign);
        Assert.True(progress.Status == CampaignStatus.Completed, $"{progress.Status}: {progress.Error}");

        var metrics = (await campaign.GetMetrics(0)).Select(m => System.Text.Json.JsonSerializer.Serialize(m with { Phases = new PhaseTimings(0, 0, 0, 0, 0, 0) })).ToList();
        var curriculum = System.Text.Json.JsonSerializer.Serialize((await grains.GetGrain<ICurriculumSchedulerGrain>("flaky").GetSnapshot()).View);
        var weights = (await grains.GetGrain<ILearnerGrain>("flaky").GetSnapshot()).WeightsHash;
        // Every committed checkpoint must still verify: nothing half-written was taken for done.
        var repository = silo.Services.GetRequiredService<CheckpointRepository>();
        var committed = await repository.ListCommittedAsync("flaky");
        foreach (var manifest in committed)
        {
            await repository.LoadAsync("flaky", manifest.Sequence);
        }
        // And the stored campaign state reads back as what the grain reports.
        // (The completed status shows before its write lands: reads interleave with the step that completes.)
        var stored = new GrainState<CampaignState>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await database.ReadStateAsync("campaign", campaign.GetGrainId(), stored);
        while (stored.State?.Status != CampaignStatus.Completed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            await database.ReadStateAsync("campaign", campaign.GetGrainId(), stored);
        }
        Assert.True(stored.RecordExists);
        Assert.Equal(CampaignStatus.Completed, stored.State!.Status);
        Assert.Equal(Steps, stored.State.Step);
        return new Outcome(progress.Status, weights, metrics, curriculum, committed.Select(m => m.Sequence).ToList());
    }
}
