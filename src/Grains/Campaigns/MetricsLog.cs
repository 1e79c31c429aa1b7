using System.Text.Json;
using Rlvr.Grains.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>Appends step metrics and held-out evaluations as JSON lines (snake_case) to a campaign's metrics.jsonl and evaluations.jsonl.</summary>
public static class MetricsLog
{
    public const string FileName = "metrics.jsonl";

    public const string EvaluationsFileName = "evaluations.jsonl";

    public static void Append(string campaignDirectory, StepMetrics metrics) => AppendLine(campaignDirectory, FileName, metrics);

    public static void Append(string campaignDirectory, EvaluationResult evaluation) => AppendLine(campaignDirectory, EvaluationsFileName, evaluation);

    private static void AppendLine<T>(string campaignDirectory, string fileName, T record)
    {
        Directory.CreateDirectory(campaignDirectory);
        File.AppendAllText(Path.Combine(campaignDirectory, fileName), JsonSerializer.Serialize(record, CurriculumJson.Options) + "\n");
    }
}
