using System.Text;
using System.Text.Json;
using Rlvr.Grains.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's history, append-only: step metrics and held-out evaluations as JSON lines (snake_case) in its
/// metrics.jsonl and evaluations.jsonl. Grain state keeps none of it, so a step writes one line, however long the
/// campaign. Evaluations (one per evaluation interval) and the latest metrics stay in memory; metrics are read from
/// the file, found by the byte offset of each step's line.
/// </summary>
public sealed class CampaignHistory
{
    public const string FileName = "metrics.jsonl";

    public const string EvaluationsFileName = "evaluations.jsonl";

    private readonly string _metricsPath;
    private readonly string _evaluationsPath;
    private readonly List<(long Step, long Offset)> _stepOffsets = [];
    private readonly List<EvaluationResult> _evaluations = [];
    private long _metricsLength;

    private CampaignHistory(string campaignDirectory)
    {
        Directory.CreateDirectory(campaignDirectory);
        _metricsPath = Path.Combine(campaignDirectory, FileName);
        _evaluationsPath = Path.Combine(campaignDirectory, EvaluationsFileName);
    }

    public IReadOnlyList<EvaluationResult> Evaluations => _evaluations;

    public StepMetrics? Latest { get; private set; }

    /// <summary>
    /// Opens the logs as of <paramref name="step"/>: lines of later steps (a crash left them past the last checkpoint,
    /// to be recomputed) and a torn last line are cut off, so the logs read as if the campaign had stopped there.
    /// </summary>
    public static async Task<CampaignHistory> OpenAsync(string campaignDirectory, long step)
    {
        var history = new CampaignHistory(campaignDirectory);
        var metrics = await ReadUpTo<StepMetrics>(history._metricsPath, step, m => m.Step);
        foreach (var (record, offset) in metrics.Records)
        {
            history._stepOffsets.Add((record.Step, offset));
        }
        history._metricsLength = metrics.Length;
        history.Latest = metrics.Records.Count > 0 ? metrics.Records[^1].Record : null;
        history._evaluations.AddRange((await ReadUpTo<EvaluationResult>(history._evaluationsPath, step, e => e.Step)).Records
            .Select(r => r.Record));
        return history;
    }

    /// <summary>A new campaign's logs: none of its steps, and its baseline evaluation.</summary>
    public static async Task<CampaignHistory> CreateAsync(string campaignDirectory, EvaluationResult baseline)
    {
        var history = new CampaignHistory(campaignDirectory);
        File.Delete(history._metricsPath);
        File.Delete(history._evaluationsPath);
        await history.AppendAsync(baseline);
        return history;
    }

    public async Task AppendAsync(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(metrics, CurriculumJson.Options) + "\n");
        await AppendBytes(_metricsPath, line);
        _stepOffsets.Add((metrics.Step, _metricsLength));
        _metricsLength += line.Length;
        Latest = metrics;
    }

    public async Task AppendAsync(EvaluationResult evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        await AppendBytes(_evaluationsPath, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(evaluation, CurriculumJson.Options) + "\n"));
        _evaluations.Add(evaluation);
    }

    /// <summary>The metrics of the steps after <paramref name="sinceStep"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StepMetrics>> ReadMetricsAsync(long sinceStep)
    {
        var first = _stepOffsets.FindIndex(s => s.Step > sinceStep);
        if (first < 0)
        {
            return [];
        }
        await using var file = new FileStream(_metricsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(_stepOffsets[first].Offset, SeekOrigin.Begin);
        var bytes = new byte[_metricsLength - _stepOffsets[first].Offset];
        await file.ReadExactlyAsync(bytes);
        return Encoding.UTF8.GetString(bytes)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<StepMetrics>(line, CurriculumJson.Options)!)
            .ToList();
    }

    private static async Task AppendBytes(string path, byte[] bytes)
    {
        await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await file.WriteAsync(bytes);
    }

    /// <summary>The records of a log up to <paramref name="step"/> with their offsets; the file is cut after the last one.</summary>
    private static async Task<(List<(T Record, long Offset)> Records, long Length)> ReadUpTo<T>(string path, long step, Func<T, long> stepOf)
    {
        var records = new List<(T, long)>();
        if (!File.Exists(path))
        {
            return (records, 0);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        long offset = 0;
        while (offset < bytes.Length)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', (int)offset);
            if (end < 0)
            {
                break;
            }
            var record = JsonSerializer.Deserialize<T>(bytes.AsSpan((int)offset, end - (int)offset), CurriculumJson.Options)!;
            if (stepOf(record) > step)
            {
                break;
            }
            records.Add((record, offset));
            offset = end + 1;
        }
        if (offset < bytes.Length)
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(offset);
        }
        return (records, offset);
    }
}
