using Rlvr.Torch;
using Rlvr.Training.Learning;
using Rlvr.Training.Tasks;

namespace Rlvr.Training.Grpo;

/// <summary>
/// Lays rollout groups out as one GRPO training batch: per rollout, its prompt then its completion (the response),
/// the completion's behavior log-probs, and the rollout's advantage, scaled by the group's
/// <see cref="RolloutGroup.StepScale"/> (1 for a fresh group).
/// </summary>
public static class GrpoBatchBuilder
{
    public static TrainingBatch Build(IReadOnlyList<RolloutGroup> groups, TaskCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(catalog);
        var sequences = new List<int[]>();
        var response = new List<bool>();
        var behavior = new List<float>();
        var advantages = new List<float>();
        foreach (var group in groups)
        {
            var prompt = PolicyFactory.Encode(catalog.GetPrompt(group.PromptId).Text);
            foreach (var rollout in group.Rollouts)
            {
                sequences.Add([.. prompt, .. rollout.TokenIds]);
                response.AddRange(Enumerable.Repeat(false, prompt.Length));
                response.AddRange(Enumerable.Repeat(true, rollout.TokenIds.Count));
                behavior.AddRange(Enumerable.Repeat(0f, prompt.Length));
                behavior.AddRange(rollout.BehaviorLogProbs);
                advantages.Add((float)(rollout.Advantage * group.StepScale));
            }
        }
        if (sequences.Count == 0)
        {
            throw new ArgumentException("a training batch needs at least one rollout.", nameof(groups));
        }
        return new TrainingBatch(TokenBatch.FromSequences(sequences), [.. response], [.. advantages]) { BehaviorLogProbs = [.. behavior] };
    }
}
