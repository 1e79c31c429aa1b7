namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// The API tests' campaigns: the crash tests' tiny one (6 steps of DUMP over addition/1 and addition/2, 4 prompts x 4
/// rollouts per step, replay buffer, evaluations at steps 3 and 6, checkpoints every 2 steps keeping the last 2) and
/// variations of it.
/// </summary>
internal static class ApiCampaigns
{
    public const string Tiny = ResumeCampaign.Yaml;

    public const int Steps = ResumeCampaign.Steps;

    public const int GroupSize = 4;

    public const int ReplayCapacity = 16;

    public const int EvaluationInterval = 3;

    public static IReadOnlyList<string> Distributions { get; } = ["addition/1", "addition/2"];

    /// <summary>The tiny campaign with <paramref name="original"/> replaced, which must occur in it (so a stale edit fails loudly).</summary>
    public static string With(string original, string replacement, string? yaml = null)
    {
        yaml ??= Tiny;
        Assert.Contains(original, yaml, StringComparison.Ordinal);
        return yaml.Replace(original, replacement, StringComparison.Ordinal);
    }

    /// <summary>A different seed: a different configuration hash, so another warm start and distinct results.</summary>
    public static string WithSeed(int seed) => With("seed: 11", $"seed: {seed}");
}
