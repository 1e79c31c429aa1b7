using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Tests.Campaigns;
using Rlvr.Storage.Checkpoints;
using Rlvr.Storage.Serialization;
using Rlvr.Storage.Sqlite;
using Rlvr.Training.Grpo;
using Xunit.Abstractions;

namespace Rlvr.Grains.Tests.Ledger;

/// <summary>
/// An external trainer's round of 64 leases reports its groups one lease at a time (issue 28): each report's write is
/// the size of what it reports, not of the step's whole page, and the page reads back whole and in order after a
/// restart, until pruned. bench/ledger-report-bytes.sh prints the numbers.
/// </summary>
public sealed class LedgerReportSizeTests(ITestOutputHelper output)
{
    private const int Leases = 64;
    private const long Step = 5;

    [Fact]
    public async Task EachReportOfARoundOf64LeasesWritesItsOwnGroupsAndThePageReadsBackWholeAfterARestart()
    {
        using var stores = new CampaignStores();
        var storage = new CountingGrainStorage(new SqliteGrainStorage("counting", new SqliteStorageOptions { DatabasePath = stores.Database }));
        var groups = Enumerable.Range(0, Leases).Select(Group).ToList();
        var written = new List<long>();
        await using (var silo = await Start(stores, storage))
        {
            var page = Page(silo);
            foreach (var group in groups)
            {
                var before = storage.BytesWritten;
                await page.Record([group]);
                written.Add(storage.BytesWritten - before);
            }
        }
        output.WriteLine($"ledger bytes written per report, round of {Leases} leases of one group: first {written[0]}, " +
            $"32nd {written[31]}, 64th {written[^1]}, round total {written.Sum()}");

        Assert.True(written[^1] <= 2 * written[0], $"the last report wrote {written[^1]} bytes, the first {written[0]}");
        await using (var restarted = await Start(stores, storage))
        {
            var page = Page(restarted);
            Assert.Equal(StorageJson.Serialize(groups), StorageJson.Serialize((await page.GetRecord()).Groups));
            // A report again (a retry) is the same group: nothing is written.
            var before = storage.BytesWritten;
            await page.Record([groups[7]]);
            Assert.Equal(before, storage.BytesWritten);

            await page.Clear();
            Assert.Empty((await page.GetRecord()).Groups);
        }
        await using (var pruned = await Start(stores, storage))
        {
            Assert.Empty((await Page(pruned).GetRecord()).Groups);
        }
    }

    private static Task<CampaignSilo> Start(CampaignStores stores, CountingGrainStorage storage) => CampaignSilo.StartAsync(stores, s =>
    {
        s.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (_, _) => storage);
        s.UseSqliteReminderService(stores.Database);
        s.Services.AddLocalCheckpointStore(stores.Checkpoints);
    });

    private static IRolloutLedgerGrain Page(CampaignSilo silo) =>
        silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger("c", Step));

    /// <summary>A group of 8 completions of 32 tokens, like a small campaign's.</summary>
    private static RolloutGroup Group(int index) =>
        RolloutGroup.Create($"d#p{index}", "d", Step, 0, 4,
            Enumerable.Range(0, 8).Select(i => (
                (IReadOnlyList<int>)Enumerable.Range(index + i, 32).ToList(),
                (IReadOnlyList<float>)Enumerable.Range(0, 32).Select(t => -0.01f * (t + index + i)).ToList(),
                (double)((index + i) % 2))).ToList(),
            scaleByStd: true);
}
