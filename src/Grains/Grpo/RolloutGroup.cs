namespace Rlvr.Grains.Grpo;

/// <summary>The G rollouts of one prompt, generated at <see cref="Step"/> by policy <see cref="PolicyVersion"/>.</summary>
public sealed record RolloutGroup(string PromptId, string Distribution, long Step, long PolicyVersion, IReadOnlyList<Rollout> Rollouts)
{
    public double PassRate => Rollouts.Count == 0 ? 0 : Rollouts.Average(r => r.Reward);

    public GroupOutcome ToOutcome() =>
        new(PromptId, Distribution, Rollouts.Select(r => r.Reward).ToList(), Rollouts.Select(r => r.Advantage).ToList());

    /// <summary>Builds a group from scored completions, computing the advantages.</summary>
    public static RolloutGroup Create(
        string promptId,
        string distribution,
        long step,
        long policyVersion,
        IReadOnlyList<(IReadOnlyList<int> TokenIds, IReadOnlyList<float> BehaviorLogProbs, double Reward)> completions,
        bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(completions);
        var advantages = GroupAdvantages.Compute(completions.Select(c => c.Reward).ToList(), scaleByStd);
        var rollouts = new Rollout[completions.Count];
        for (var i = 0; i < rollouts.Length; i++)
        {
            var (tokens, logProbs, reward) = completions[i];
            if (tokens.Count != logProbs.Count)
            {
                throw new ArgumentException(
                    $"rollout {i}: {tokens.Count} tokens but {logProbs.Count} behavior log-probs.", nameof(completions));
            }
            rollouts[i] = new Rollout(tokens, logProbs, reward, advantages[i]);
        }
        return new RolloutGroup(promptId, distribution, step, policyVersion, rollouts);
    }
}
