using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Reinforce-Ada (docs/algorithms.md, Reinforce-Ada): the step's prompts, drawn uniformly, are sampled in rounds of M
/// responses while active; a prompt leaves the active set when its exit rule is met, and the rounds stop after R_max.
/// Each prompt then keeps n responses (up to n/2 positives, negatives filling the rest, then extra positives), chosen at
/// random, whose advantages use the mean and standard deviation of all the responses generated for the prompt.
/// Nothing persists across steps but the ledger and decisions.
/// </summary>
public sealed class ReinforceAdaSelector(TaskCatalog catalog, ReinforceAdaOptions options, bool scaleByStd) : UniformDrawPlanner(catalog)
{
    public const string StrategyName = "reinforce-ada";

    private IReadOnlyList<TaskPrompt> _prompts = [];
    private List<RolloutGroup>[] _parts = [];
    private int[] _positives = [];
    private int[] _negatives = [];
    private string?[] _exits = [];
    private List<int> _active = [];

    public override string Name => StrategyName;

    public override AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        CheckRound([.. _active.Select(i => _prompts[i])], groups, round);
        for (var k = 0; k < _active.Count; k++)
        {
            var i = _active[k];
            _parts[i].Add(groups[k]);
            foreach (var rollout in groups[k].Rollouts)
            {
                if (IsPositive(rollout))
                {
                    _positives[i]++;
                }
                else
                {
                    _negatives[i]++;
                }
            }
            if (Finished(i))
            {
                _exits[i] = Invariant($"{(options.Exit == ReinforceAdaExit.Balanced ? "balanced" : "first positive")} after {_parts[i].Count} round{(_parts[i].Count == 1 ? "" : "s")}");
            }
        }
        _active = [.. _active.Where(i => _exits[i] is null)];
        if (_active.Count > 0 && round + 1 < options.RMax)
        {
            return new RollOutRound([.. _active.Select(i => new PromptBudget(_prompts[i], options.M))]);
        }
        return new TrainOn([.. Enumerable.Range(0, _prompts.Count).Select(i => Keep(i, rng))]);
    }

    protected override AllocationStep Start(long stepNumber, int groups, DeterministicRng rng)
    {
        _prompts = DrawDistinct(groups, rng);
        _parts = [.. _prompts.Select(_ => new List<RolloutGroup>())];
        _positives = new int[groups];
        _negatives = new int[groups];
        _exits = new string?[groups];
        _active = [.. Enumerable.Range(0, groups)];
        return new RollOutRound([.. _prompts.Select(p => new PromptBudget(p, options.M))]);
    }

    private bool IsPositive(Rollout rollout) => rollout.Reward > options.Tau;

    private bool Finished(int i) => options.Exit switch
    {
        ReinforceAdaExit.Balanced => _positives[i] >= options.N / 2 && _negatives[i] >= options.N / 2,
        _ => _positives[i] > 0,
    };

    /// <summary>
    /// Prompt <paramref name="i"/>'s training group: its n kept responses, with advantages over all its responses.
    /// </summary>
    private RolloutGroup Keep(int i, DeterministicRng rng)
    {
        var all = RolloutGroup.Merge(_parts[i], scaleByStd);
        var shaped = all.WithAdvantages(GroupAdvantages.Compute([.. all.Rollouts.Select(r => r.Reward)], scaleByStd));
        var positives = Enumerable.Range(0, all.Rollouts.Count).Where(k => IsPositive(all.Rollouts[k])).ToList();
        var negatives = Enumerable.Range(0, all.Rollouts.Count).Where(k => !IsPositive(all.Rollouts[k])).ToList();
        var keptNegatives = Math.Min(options.N - Math.Min(options.N / 2, positives.Count), negatives.Count);
        var keptPositives = Math.Min(options.N - keptNegatives, positives.Count);
        rng.Shuffle(positives);
        rng.Shuffle(negatives);
        var kept = positives.Take(keptPositives).Concat(negatives.Take(keptNegatives)).Order().ToList();
        Decide(_prompts[i], all.Rollouts.Count, Invariant(
            $"{_exits[i] ?? $"unfinished after R_max = {options.RMax} rounds"}: {_positives[i]} positive, {_negatives[i]} negative; kept {keptPositives} + {keptNegatives}"));
        return shaped with { Rollouts = [.. kept.Select(k => shaped.Rollouts[k])] };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
