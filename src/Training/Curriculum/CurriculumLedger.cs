using Rlvr.Training.Grpo;

namespace Rlvr.Training.Curriculum;

/// <summary>Training statistics every strategy keeps: rollouts and pass rate per distribution, attempts per prompt.</summary>
public sealed class CurriculumLedger
{
    public Dictionary<string, DistributionTally> Distributions { get; set; } = [];

    public Dictionary<string, PromptTally> Prompts { get; set; } = [];

    public void Record(long stepNumber, IReadOnlyList<GroupOutcome> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var byDistribution in groups.GroupBy(g => g.Distribution, StringComparer.Ordinal))
        {
            var tally = Distributions.TryGetValue(byDistribution.Key, out var t) ? t : Distributions[byDistribution.Key] = new();
            var rewards = byDistribution.SelectMany(g => g.Rewards).ToList();
            tally.Rollouts += rewards.Count;
            if (rewards.Count > 0)
            {
                tally.PassRate = rewards.Average();
            }
        }
        foreach (var group in groups)
        {
            var tally = Prompts.TryGetValue(group.PromptId, out var t) ? t : Prompts[group.PromptId] = new() { Distribution = group.Distribution };
            tally.Attempts += group.Rewards.Count;
            tally.ObservedDifficulty = 1 - group.PassRate;
            tally.LastStep = stepNumber;
        }
    }

    public long RolloutsOf(string distribution) => Distributions.TryGetValue(distribution, out var t) ? t.Rollouts : 0;

    public double? PassRateOf(string distribution) => Distributions.TryGetValue(distribution, out var t) ? t.PassRate : null;
}

public sealed class DistributionTally
{
    public long Rollouts { get; set; }

    public double? PassRate { get; set; }
}

public sealed class PromptTally
{
    public string Distribution { get; set; } = string.Empty;

    public long Attempts { get; set; }

    public double? ObservedDifficulty { get; set; }

    public long LastStep { get; set; }
}
