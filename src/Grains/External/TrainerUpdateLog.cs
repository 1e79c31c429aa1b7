using System.Text.Json;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Logs;
using Rlvr.Training.Curriculum;

namespace Rlvr.Grains.External;

/// <summary>
/// The update reports of a campaign's external trainer, append-only: the "trainer-updates.jsonl" log of the silo's
/// <see cref="IRecordLogStore"/>, step k's report the k-th record. A restore replays the steps after its checkpoint
/// from here; the reports behind the checkpoint before it are kept on disk only.
/// </summary>
public sealed class TrainerUpdateLog
{
    public const string FileName = "trainer-updates.jsonl";

    private readonly IRecordLogStore _logs;
    private readonly string _campaignId;
    private readonly Dictionary<long, TrainerUpdateReport> _recent = [];

    private TrainerUpdateLog(IRecordLogStore logs, string campaignId, long steps) =>
        (_logs, _campaignId, Steps) = (logs, campaignId, steps);

    /// <summary>The steps reported: the log's length.</summary>
    public long Steps { get; private set; }

    /// <summary>The log, with the reports of the steps after <paramref name="forgottenThrough"/> read back.</summary>
    public static async Task<TrainerUpdateLog> OpenAsync(IRecordLogStore logs, string campaignId, long forgottenThrough)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var records = await logs.ReadAsync(campaignId, FileName, 0);
        var log = new TrainerUpdateLog(logs, campaignId, records.Count);
        for (var i = (int)Math.Max(0, forgottenThrough); i < records.Count; i++)
        {
            var report = JsonSerializer.Deserialize<TrainerUpdateReport>(records[i], CurriculumJson.Options);
            if (report?.Step != i + 1)
            {
                throw new InvalidDataException($"campaign '{campaignId}': record {i + 1} of {FileName} is not step {i + 1}'s update.");
            }
            log._recent[report.Step] = report;
        }
        return log;
    }

    /// <summary>An empty log (a new campaign under the id).</summary>
    public static async Task<TrainerUpdateLog> CreateAsync(IRecordLogStore logs, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(logs);
        await logs.TruncateAsync(campaignId, FileName, 0);
        return new TrainerUpdateLog(logs, campaignId, 0);
    }

    /// <summary>The report of <paramref name="step"/>, unless forgotten or not made.</summary>
    public TrainerUpdateReport? Get(long step) => _recent.GetValueOrDefault(step);

    /// <summary>Appends the report of the next step.</summary>
    public async Task AppendAsync(TrainerUpdateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Step != Steps + 1)
        {
            throw new InvalidOperationException($"step {report.Step}'s update reported after step {Steps}'s.");
        }
        await _logs.AppendAsync(_campaignId, FileName, Steps, JsonSerializer.SerializeToUtf8Bytes(report, CurriculumJson.Options));
        Steps++;
        _recent[report.Step] = report;
    }

    /// <summary>Drops the reports of steps up to <paramref name="throughStep"/> from memory.</summary>
    public void Forget(long throughStep)
    {
        foreach (var step in _recent.Keys.Where(s => s <= throughStep).ToList())
        {
            _recent.Remove(step);
        }
    }
}
