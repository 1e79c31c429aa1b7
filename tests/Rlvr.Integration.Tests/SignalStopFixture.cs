namespace Rlvr.Integration.Tests;

/// <summary>
/// The crash tests' campaign with more steps, so that a signal sent once it has started stepping lands before its end,
/// and its uninterrupted outcome; also the campaign id `rlvr run` gave it, for a silo to run the same campaign.
/// </summary>
public sealed class SignalStopFixture : CrashResumeFixture
{
    public const int Steps = 24;

    protected override string Yaml => ResumeCampaign.Yaml.Replace("steps: 6\n", $"steps: {Steps}\n", StringComparison.Ordinal);

    /// <summary>The reference run's campaign id (its directory under the data directory).</summary>
    public string CampaignId => Path.GetFileName(Directory.GetDirectories(Path.Combine(Root, "reference"))
        .Single(d => File.Exists(Path.Combine(d, "metrics.jsonl"))));
}
