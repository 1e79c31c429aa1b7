using Rlvr.Training.Tasks;

namespace Rlvr.Training.Allocation;

/// <summary>
/// The decisions a strategy makes during a step, held apart until the step's training is observed: a step that is cut
/// short and driven again from its start must not count its skips twice, so only a completed step reaches the
/// <see cref="PromptDecisions"/> of the exported state.
/// </summary>
public sealed class PendingDecisions
{
    private readonly List<(TaskPrompt Prompt, double? PredictedPassRate, int Rollouts, string Reason)> _decisions = [];

    public int Count => _decisions.Count;

    public void Add(TaskPrompt prompt, double? predictedPassRate, int rollouts, string reason) =>
        _decisions.Add((prompt, predictedPassRate, rollouts, reason));

    /// <summary>Records the step's decisions, in the order they were made, and forgets them.</summary>
    public void CommitTo(PromptDecisions decisions, long stepNumber)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        foreach (var (prompt, predicted, rollouts, reason) in _decisions)
        {
            decisions.Record(prompt.Id, prompt.Distribution, stepNumber, predicted, rollouts, reason);
        }
        _decisions.Clear();
    }

    public void Clear() => _decisions.Clear();
}
