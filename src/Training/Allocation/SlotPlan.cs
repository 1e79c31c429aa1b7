using Rlvr.Training.Grpo;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>
/// A one-round step of an allocating strategy: each of the step's training slots holds a prompt; a prompt that holds k
/// slots is rolled out once with k * G rollouts (a round names a prompt at most once), and its group, advantages computed
/// over all of them, is cut back into k training groups. The loss averages over rollouts, not groups, so the cut changes
/// nothing the learner computes; it only keeps the step at the number of groups it trains on.
/// </summary>
public sealed class SlotPlan
{
    private readonly List<TaskPrompt> _prompts = [];
    private readonly List<int> _slots = [];
    private readonly int _groupSize;

    public SlotPlan(IReadOnlyList<TaskPrompt> slotPrompts, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(slotPrompts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groupSize);
        _groupSize = groupSize;
        SlotPrompts = slotPrompts;
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var prompt in slotPrompts)
        {
            if (indexOf.TryGetValue(prompt.Id, out var index))
            {
                _slots[index]++;
            }
            else
            {
                indexOf[prompt.Id] = _prompts.Count;
                _prompts.Add(prompt);
                _slots.Add(1);
            }
        }
    }

    /// <summary>The prompt of each training slot, in slot order.</summary>
    public IReadOnlyList<TaskPrompt> SlotPrompts { get; }

    /// <summary>The round: each distinct prompt once, in the order of its first slot, with G rollouts per slot it holds.</summary>
    public RollOutRound Round() => new([.. _prompts.Select((p, i) => new PromptBudget(p, _slots[i] * _groupSize))]);

    /// <summary>
    /// The training group of each slot, in slot order, from the round's groups (one per distinct prompt, in the round's
    /// order), after <paramref name="shape"/> has set each prompt's advantages over all of its rollouts.
    /// </summary>
    public IReadOnlyList<RolloutGroup> Split(IReadOnlyList<RolloutGroup> groups, Func<RolloutGroup, RolloutGroup>? shape = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count != _prompts.Count)
        {
            throw new ArgumentException($"{groups.Count} groups for a round of {_prompts.Count} prompts.", nameof(groups));
        }
        var parts = new Dictionary<string, Queue<RolloutGroup>>(StringComparer.Ordinal);
        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i].PromptId != _prompts[i].Id)
            {
                throw new ArgumentException($"group {i} is prompt '{groups[i].PromptId}', the round's prompt {i} is '{_prompts[i].Id}'.", nameof(groups));
            }
            var group = shape is null ? groups[i] : shape(groups[i]);
            parts[group.PromptId] = new Queue<RolloutGroup>(Cut(group, _slots[i]));
        }
        return [.. SlotPrompts.Select(p => parts[p.Id].Dequeue())];
    }

    /// <summary><paramref name="group"/>'s rollouts in <paramref name="count"/> consecutive parts of near-equal size, advantages kept.</summary>
    public static IReadOnlyList<RolloutGroup> Cut(RolloutGroup group, int count)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (count == 1)
        {
            return [group];
        }
        if (group.Rollouts.Count < count)
        {
            throw new ArgumentException($"prompt '{group.PromptId}' has {group.Rollouts.Count} rollouts, too few for {count} training groups.", nameof(group));
        }
        var parts = new RolloutGroup[count];
        var start = 0;
        for (var part = 0; part < count; part++)
        {
            var size = group.Rollouts.Count / count + (part < group.Rollouts.Count % count ? 1 : 0);
            parts[part] = group with { Rollouts = [.. group.Rollouts.Skip(start).Take(size)] };
            start += size;
        }
        return parts;
    }
}
