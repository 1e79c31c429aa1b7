using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Tests.Curriculum;

internal static class Fixtures
{
    /// <summary>A catalog whose prompt ids are "name#i" and texts "name:i".</summary>
    public static TaskCatalog Catalog(params (string Name, int Count)[] distributions) => new(
        distributions.Select(d => new DistributionPool(
            d.Name,
            Enumerable.Range(0, d.Count).Select(i => new TaskPrompt($"{d.Name}#{i}", d.Name, $"{d.Name}:{i}", "1", "exact")).ToList(),
            [])).ToList());

    public static GroupOutcome Outcome(string promptId, IReadOnlyList<double> rewards, IReadOnlyList<double>? advantages = null) =>
        new(promptId, promptId.Split('#')[0], rewards, advantages ?? rewards.Select(_ => 0.0).ToList());

    public static GroupOutcome WithAdvantages(string promptId, params double[] advantages) =>
        new(promptId, promptId.Split('#')[0], advantages.Select(_ => 0.0).ToList(), advantages);

    /// <summary>A group with the given rewards, 2 tokens per rollout and recognisable behavior log-probs.</summary>
    public static RolloutGroup Group(string promptId, long policyVersion, params double[] rewards) =>
        RolloutGroup.Create(
            promptId,
            promptId.Split('#')[0],
            step: policyVersion,
            round: 0,
            policyVersion,
            rewards.Select((r, i) => ((IReadOnlyList<int>)[i, i + 1], (IReadOnlyList<float>)[-0.5f - i, -0.25f], r)).ToList(),
            scaleByStd: true);
}
