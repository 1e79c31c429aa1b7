using System.Globalization;
using Rlvr.Training.Allocation;
using Rlvr.Training.Determinism;
using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// DARS (docs/algorithms.md, DARS): the step's prompts, drawn uniformly, get N = G rollouts; those whose accuracy is below
/// 0.5 get ΔN more in a second round (<see cref="DarsExtraRollouts"/>), merged with the first into one group. The paper
/// drops groups whose mean is 0 or at least the upper threshold; here the batch has exactly the step's number of groups,
/// so they stay in it with zero advantages and move nothing.
/// </summary>
public sealed class DarsSelector(TaskCatalog catalog, DarsOptions options, int groupSize, bool scaleByStd) : UniformDrawPlanner(catalog)
{
    public const string StrategyName = "dars";

    private IReadOnlyList<TaskPrompt> _prompts = [];
    private RolloutGroup[] _first = [];
    private List<int> _deepened = [];

    public override string Name => StrategyName;

    public override AllocationStep AfterRound(long stepNumber, int round, IReadOnlyList<RolloutGroup> groups, DeterministicRng rng)
    {
        if (round == 0)
        {
            CheckRound(_prompts, groups, round);
            _first = [.. groups];
            _deepened = [.. Enumerable.Range(0, _prompts.Count).Where(i => Extra(i) > 0)];
            if (_deepened.Count > 0)
            {
                return new RollOutRound([.. _deepened.Select(i => new PromptBudget(_prompts[i], Extra(i)))]);
            }
            return new TrainOn([.. Enumerable.Range(0, _prompts.Count).Select(i => Finish(i, _first[i]))]);
        }
        CheckRound([.. _deepened.Select(i => _prompts[i])], groups, round);
        var merged = _first.ToArray();
        for (var k = 0; k < _deepened.Count; k++)
        {
            var i = _deepened[k];
            merged[i] = RolloutGroup.Merge([_first[i], groups[k]], scaleByStd);
        }
        return new TrainOn([.. Enumerable.Range(0, _prompts.Count).Select(i => Finish(i, merged[i]))]);
    }

    protected override AllocationStep Start(long stepNumber, int groups, DeterministicRng rng)
    {
        _prompts = DrawDistinct(groups, rng);
        _first = [];
        _deepened = [];
        return new RollOutRound([.. _prompts.Select(p => new PromptBudget(p, groupSize))]);
    }

    private int Extra(int i) => DarsExtraRollouts.Of(_first[i].PassRate, groupSize, options, scaleByStd);

    /// <summary>The prompt's training group, with its advantages zeroed when the paper would drop it.</summary>
    private RolloutGroup Finish(int i, RolloutGroup group)
    {
        var first = _first[i];
        var extra = group.Rollouts.Count - first.Rollouts.Count;
        var why = extra > 0
            ? Invariant($"a = {first.PassRate:0.###} < 0.5: {extra} more ({options.Schedule.ToString().ToUpperInvariant()})")
            : Invariant($"a = {first.PassRate:0.###}: no extra rollouts");
        var mean = group.PassRate;
        if (mean <= 0 || mean >= options.UpperThreshold)
        {
            Decide(_prompts[i], group.Rollouts.Count, Invariant($"{why}; group mean {mean:0.###} outside (0, {options.UpperThreshold}): advantages zeroed"));
            return group.WithAdvantages(new double[group.Rollouts.Count]);
        }
        Decide(_prompts[i], group.Rollouts.Count, why);
        return group;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
