using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Contracts;

/// <summary>
/// A generation round (or the DOTS reference round) of a step, for an external trainer to roll out: G completions of
/// each prompt, or each prompt's own count (<see cref="Budgets"/>, by prompt id) when a strategy allocates rollouts.
/// </summary>
[GenerateSerializer, Immutable, Alias("rlvr.ExternalRound")]
public sealed record ExternalRound(
    long Step, int Round, long PolicyVersion, IReadOnlyList<TaskPrompt> Prompts, SamplingSettings Sampling, IReadOnlyDictionary<string, int>? Budgets = null)
{
    /// <summary>The completions a trainer samples of prompt <paramref name="promptId"/>.</summary>
    public int CompletionsOf(string promptId) => Budgets is not null && Budgets.TryGetValue(promptId, out var n) ? n : Sampling.GroupSize;
}
