using System.Text.Json;
using Rlvr.Storage.Logs;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's history, append-only: step metrics and held-out evaluations as JSON records (snake_case) in its
/// "metrics.jsonl" and "evaluations.jsonl" logs of the silo's <see cref="IRecordLogStore"/> (files of JSON lines under
/// the data directory on one silo, shared storage in a cluster). Grain state keeps none of it, so a step writes one
/// record, however long the campaign. The metrics log holds one record per step from step 1 (step k's is the k-th);
/// evaluations (one per evaluation interval) stay in memory.
/// </summary>
public sealed class CampaignHistory
{
    public const string FileName = "metrics.jsonl";

    public const string EvaluationsFileName = "evaluations.jsonl";

    private readonly IRecordLogStore _logs;
    private readonly string _campaignId;
    private readonly List<EvaluationResult> _evaluations = [];
    private long _steps;

    private CampaignHistory(IRecordLogStore logs, string campaignId) => (_logs, _campaignId) = (logs, campaignId);

    public IReadOnlyList<EvaluationResult> Evaluations => _evaluations;

    public StepMetrics? Latest { get; private set; }

    /// <summary>The logs as they are.</summary>
    public static async Task<CampaignHistory> OpenAsync(IRecordLogStore logs, string campaignId)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var history = new CampaignHistory(logs, campaignId);
        var metrics = await logs.ReadAsync(campaignId, FileName, 0);
        history._steps = metrics.Count;
        if (metrics.Count > 0)
        {
            history.Latest = history.Parse<StepMetrics>(metrics[^1], FileName);
            if (history.Latest.Step != metrics.Count)
            {
                throw new InvalidDataException(
                    $"campaign '{campaignId}': record {metrics.Count} of {FileName} is step {history.Latest.Step}; the log must hold one record per step from step 1.");
            }
        }
        foreach (var record in await logs.ReadAsync(campaignId, EvaluationsFileName, 0))
        {
            history._evaluations.Add(history.Parse<EvaluationResult>(record, EvaluationsFileName));
        }
        return history;
    }

    /// <summary>A new campaign's logs: none of its steps, and its baseline evaluation (none with an external trainer).</summary>
    public static async Task<CampaignHistory> CreateAsync(IRecordLogStore logs, string campaignId, EvaluationResult? baseline)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var history = new CampaignHistory(logs, campaignId);
        await logs.TruncateAsync(campaignId, FileName, 0);
        await logs.TruncateAsync(campaignId, EvaluationsFileName, 0);
        if (baseline is not null)
        {
            await history.AppendAsync(baseline);
        }
        return history;
    }

    /// <summary>
    /// Cuts the logs back to <paramref name="step"/>: the records of later steps (a crash left them past the checkpoint
    /// a restore went back to, to be recomputed) go, so the logs read as if the campaign had stopped there.
    /// </summary>
    public async Task CutAsync(long step)
    {
        if (step < _steps)
        {
            await _logs.TruncateAsync(_campaignId, FileName, step);
            _steps = step;
            Latest = step == 0 ? null : (await ReadMetricsAsync(step - 1)).Single();
        }
        var evaluations = _evaluations.FindIndex(e => e.Step > step);
        if (evaluations >= 0)
        {
            await _logs.TruncateAsync(_campaignId, EvaluationsFileName, evaluations);
            _evaluations.RemoveRange(evaluations, _evaluations.Count - evaluations);
        }
    }

    public async Task AppendAsync(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Step != _steps + 1)
        {
            throw new InvalidOperationException($"step {metrics.Step} appended after step {_steps}.");
        }
        await _logs.AppendAsync(_campaignId, FileName, _steps, JsonSerializer.SerializeToUtf8Bytes(metrics, CurriculumJson.Options));
        _steps++;
        Latest = metrics;
    }

    public async Task AppendAsync(EvaluationResult evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        await _logs.AppendAsync(
            _campaignId, EvaluationsFileName, _evaluations.Count, JsonSerializer.SerializeToUtf8Bytes(evaluation, CurriculumJson.Options));
        _evaluations.Add(evaluation);
    }

    /// <summary>The metrics of the steps after <paramref name="sinceStep"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StepMetrics>> ReadMetricsAsync(long sinceStep) =>
        sinceStep >= _steps
            ? []
            : (await _logs.ReadAsync(_campaignId, FileName, Math.Max(0, sinceStep))).Select(r => Parse<StepMetrics>(r, FileName)).ToList();

    private T Parse<T>(byte[] record, string log) =>
        JsonSerializer.Deserialize<T>(record, CurriculumJson.Options)
            ?? throw new InvalidDataException($"campaign '{_campaignId}': a null record in {log}.");
}
