namespace Rlvr.Integration.Tests;

/// <summary>
/// The crash tests' campaign with more steps, so that a signal sent once it has started stepping lands before its end,
/// and its uninterrupted outcome (the base fixture also knows the campaign id `rlvr run` gave it).
/// </summary>
public sealed class SignalStopFixture : CrashResumeFixture
{
    public const int Steps = 24;

    protected override string Yaml => ResumeCampaign.Yaml.Replace("steps: 6\n", $"steps: {Steps}\n", StringComparison.Ordinal);
}
