using System.Text.Json;
using Rlvr.Grains.Curriculum;

namespace Rlvr.Grains.Campaigns;

/// <summary>Appends step metrics as JSON lines (snake_case) to a campaign's metrics.jsonl.</summary>
public static class MetricsLog
{
    public const string FileName = "metrics.jsonl";

    public static void Append(string campaignDirectory, StepMetrics metrics)
    {
        Directory.CreateDirectory(campaignDirectory);
        File.AppendAllText(Path.Combine(campaignDirectory, FileName), JsonSerializer.Serialize(metrics, CurriculumJson.Options) + "\n");
    }
}
