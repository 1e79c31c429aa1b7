using Orleans;

namespace Rlvr.Training.Grpo;

/// <summary>
/// The G rollouts of one prompt, generated at <see cref="Step"/> in generation <see cref="Round"/> (0, 1, ... as the
/// filters refill the batch; <see cref="ReferenceRound"/> for the DOTS reference set) by policy <see cref="PolicyVersion"/>.
/// (step, prompt, round) identifies the group: it seeds its sampling and keys it in the rollout-group ledger.
/// <see cref="Replays"/> counts the times the replay buffer has drawn it (0 for a fresh group).
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.RolloutGroup")]
public sealed record RolloutGroup(
    string PromptId, string Distribution, long Step, int Round, long PolicyVersion, IReadOnlyList<Rollout> Rollouts, int Replays = 0)
{
    /// <summary>
    /// The share of a step this use of the group takes: 1 / (uses so far), so that training on a group again moves the
    /// policy less each time instead of stepping the whole way again (README, curriculum harness: replay).
    /// </summary>
    public double StepScale => 1.0 / (1 + Replays);

    /// <summary>The round of the rollouts that refresh the selector's reference set (DOTS), apart from the training rounds.</summary>
    public const int ReferenceRound = -1;

    /// <summary>The round of the uniform shadow sample: rolled out to measure what uniform selection would yield, never trained on.</summary>
    public const int ShadowRound = -2;

    /// <summary>Whether any rollout has a non-zero advantage, i.e. the group moves the policy.</summary>
    public bool IsInformative => Rollouts.Any(r => r.Advantage != 0);

    public double PassRate => Rollouts.Count == 0 ? 0 : Rollouts.Average(r => r.Reward);

    /// <summary>Completion tokens of all rollouts.</summary>
    public int Tokens => Rollouts.Sum(r => r.Tokens);

    public GroupOutcome ToOutcome() =>
        new(PromptId, Distribution, Rollouts.Select(r => r.Reward).ToList(), Rollouts.Select(r => r.Advantage).ToList());

    /// <summary>
    /// One group of a prompt from its groups of several rounds of a step (screening, then continuation), their rollouts
    /// in round order and the advantages computed over all of them. It takes the last part's round and policy version.
    /// </summary>
    public static RolloutGroup Merge(IReadOnlyList<RolloutGroup> parts, bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0 || parts.Any(p => p.PromptId != parts[0].PromptId || p.Step != parts[0].Step))
        {
            throw new ArgumentException("merged groups must be one prompt's groups of one step, at least one.", nameof(parts));
        }
        var last = parts[^1];
        return Create(last.PromptId, last.Distribution, last.Step, last.Round, last.PolicyVersion, [.. parts.SelectMany(p => p.Rollouts)], scaleByStd);
    }

    /// <summary>The group with the given advantages, one per rollout (a strategy that shapes them: global statistics, weighting).</summary>
    public RolloutGroup WithAdvantages(IReadOnlyList<double> advantages)
    {
        ArgumentNullException.ThrowIfNull(advantages);
        if (advantages.Count != Rollouts.Count)
        {
            throw new ArgumentException($"{advantages.Count} advantages for {Rollouts.Count} rollouts.", nameof(advantages));
        }
        return this with { Rollouts = [.. Rollouts.Select((r, i) => r with { Advantage = advantages[i] })] };
    }

    /// <summary>Builds a group from scored completions (token ids, behavior log-probs, reward), computing the advantages.</summary>
    public static RolloutGroup Create(
        string promptId,
        string distribution,
        long step,
        int round,
        long policyVersion,
        IReadOnlyList<(IReadOnlyList<int> TokenIds, IReadOnlyList<float> BehaviorLogProbs, double Reward)> completions,
        bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(completions);
        return Create(promptId, distribution, step, round, policyVersion,
            completions.Select(c => new Rollout(c.TokenIds, c.BehaviorLogProbs, c.Reward, 0)).ToList(), scaleByStd);
    }

    /// <summary>
    /// Builds a group from its scored rollouts (their <see cref="Rollout.Advantage"/> not yet set), computing the
    /// advantages. Behavior log-probs, when a rollout has them, are one per token.
    /// </summary>
    public static RolloutGroup Create(
        string promptId, string distribution, long step, int round, long policyVersion, IReadOnlyList<Rollout> scored, bool scaleByStd)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var advantages = GroupAdvantages.Compute(scored.Select(c => c.Reward).ToList(), scaleByStd);
        var rollouts = new Rollout[scored.Count];
        for (var i = 0; i < rollouts.Length; i++)
        {
            var rollout = scored[i];
            if (rollout.BehaviorLogProbs.Count != 0 && rollout.TokenIds.Count != rollout.BehaviorLogProbs.Count)
            {
                throw new ArgumentException(
                    $"rollout {i}: {rollout.TokenIds.Count} tokens but {rollout.BehaviorLogProbs.Count} behavior log-probs.", nameof(scored));
            }
            rollouts[i] = rollout with { Advantage = advantages[i] };
        }
        return new RolloutGroup(promptId, distribution, step, round, policyVersion, rollouts);
    }
}
