using System.Text.Json;
using Rlvr.Grains.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>Step metrics and held-out evaluations as JSON lines (snake_case) in a campaign's metrics.jsonl and evaluations.jsonl.</summary>
public static class MetricsLog
{
    public const string FileName = "metrics.jsonl";

    public const string EvaluationsFileName = "evaluations.jsonl";

    public static void Append(string campaignDirectory, StepMetrics metrics) => AppendLine(campaignDirectory, FileName, metrics);

    public static void Append(string campaignDirectory, EvaluationResult evaluation) => AppendLine(campaignDirectory, EvaluationsFileName, evaluation);

    /// <summary>Replaces both logs with exactly these records (after a restore: the steps past the checkpoint go, to be recomputed).</summary>
    public static void Rewrite(string campaignDirectory, IEnumerable<StepMetrics> metrics, IEnumerable<EvaluationResult> evaluations)
    {
        Directory.CreateDirectory(campaignDirectory);
        RewriteLines(Path.Combine(campaignDirectory, FileName), metrics);
        RewriteLines(Path.Combine(campaignDirectory, EvaluationsFileName), evaluations);
    }

    private static void RewriteLines<T>(string path, IEnumerable<T> records)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, records.Select(r => JsonSerializer.Serialize(r, CurriculumJson.Options)));
        File.Move(temporary, path, overwrite: true);
    }

    private static void AppendLine<T>(string campaignDirectory, string fileName, T record)
    {
        Directory.CreateDirectory(campaignDirectory);
        File.AppendAllText(Path.Combine(campaignDirectory, fileName), JsonSerializer.Serialize(record, CurriculumJson.Options) + "\n");
    }
}
