using System.Text;
using System.Text.Json;
using Rlvr.Grains.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// A campaign's history, append-only: step metrics and held-out evaluations as JSON lines (snake_case) in its
/// metrics.jsonl and evaluations.jsonl. Grain state keeps none of it, so a step writes one line, however long the
/// campaign. The metrics log holds one line per step from step 1, so opening it only finds the line starts (step k's
/// line is the k-th) and parses the last; evaluations (one per evaluation interval) stay in memory.
/// </summary>
public sealed class CampaignHistory
{
    public const string FileName = "metrics.jsonl";

    public const string EvaluationsFileName = "evaluations.jsonl";

    private readonly string _metricsPath;
    private readonly string _evaluationsPath;

    /// <summary>Where each step's line starts: step k at index k - 1.</summary>
    private readonly List<long> _lineStarts = [];
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

    /// <summary>The logs as they are, but for a torn last line (a crash cut its write), which is cut off.</summary>
    public static async Task<CampaignHistory> OpenAsync(string campaignDirectory)
    {
        var history = new CampaignHistory(campaignDirectory);
        if (File.Exists(history._metricsPath))
        {
            var bytes = await File.ReadAllBytesAsync(history._metricsPath);
            long start = 0;
            for (var end = bytes.AsSpan().IndexOf((byte)'\n'); end >= 0; end = bytes.AsSpan((int)start).IndexOf((byte)'\n'))
            {
                history._lineStarts.Add(start);
                start += end + 1;
            }
            history._metricsLength = start;
            await CutFile(history._metricsPath, start, bytes.Length);
            if (history._lineStarts.Count > 0)
            {
                var last = history._lineStarts[^1];
                history.Latest = Parse<StepMetrics>(bytes.AsSpan((int)last, (int)(start - 1 - last)), history._metricsPath);
                if (history.Latest.Step != history._lineStarts.Count)
                {
                    throw new InvalidDataException(
                        $"{history._metricsPath}: line {history._lineStarts.Count} is step {history.Latest.Step}; the log must hold one line per step from step 1.");
                }
            }
        }
        history._evaluations.AddRange(await ReadEvaluations(history._evaluationsPath));
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

    /// <summary>
    /// Cuts the logs back to <paramref name="step"/>: the lines of later steps (a crash left them past the checkpoint
    /// a restore went back to, to be recomputed) go, so the logs read as if the campaign had stopped there.
    /// </summary>
    public async Task CutAsync(long step)
    {
        if (step < _lineStarts.Count)
        {
            var length = _lineStarts[(int)step];
            _lineStarts.RemoveRange((int)step, _lineStarts.Count - (int)step);
            await CutFile(_metricsPath, length, _metricsLength);
            _metricsLength = length;
            Latest = step == 0 ? null : (await ReadMetricsAsync(step - 1)).Single();
        }
        var evaluations = _evaluations.FindIndex(e => e.Step > step);
        if (evaluations >= 0)
        {
            _evaluations.RemoveRange(evaluations, _evaluations.Count - evaluations);
            await File.WriteAllLinesAsync(_evaluationsPath, _evaluations.Select(e => JsonSerializer.Serialize(e, CurriculumJson.Options)));
        }
    }

    public async Task AppendAsync(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Step != _lineStarts.Count + 1)
        {
            throw new InvalidOperationException($"step {metrics.Step} appended after step {_lineStarts.Count}.");
        }
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(metrics, CurriculumJson.Options) + "\n");
        await AppendBytes(_metricsPath, line);
        _lineStarts.Add(_metricsLength);
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
        if (sinceStep >= _lineStarts.Count)
        {
            return [];
        }
        var first = _lineStarts[(int)Math.Max(0, sinceStep)];
        await using var file = new FileStream(_metricsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(first, SeekOrigin.Begin);
        var bytes = new byte[_metricsLength - first];
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

    /// <summary>The evaluations log's complete lines; a torn last line is cut off.</summary>
    private static async Task<List<EvaluationResult>> ReadEvaluations(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var text = await File.ReadAllTextAsync(path);
        var complete = text.LastIndexOf('\n') + 1;
        await CutFile(path, Encoding.UTF8.GetByteCount(text.AsSpan(0, complete)), Encoding.UTF8.GetByteCount(text));
        return text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => Parse<EvaluationResult>(line, path)).ToList();
    }

    private static async Task CutFile(string path, long length, long current)
    {
        if (length < current)
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(length);
        }
    }

    private static T Parse<T>(ReadOnlySpan<byte> line, string path) =>
        JsonSerializer.Deserialize<T>(line, CurriculumJson.Options) ?? throw new InvalidDataException($"{path}: a null line.");

    private static T Parse<T>(string line, string path) =>
        JsonSerializer.Deserialize<T>(line, CurriculumJson.Options) ?? throw new InvalidDataException($"{path}: a null line.");
}
