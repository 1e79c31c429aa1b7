using Rlvr.Training.Curriculum;

namespace Rlvr.Training.Allocation;

/// <summary>
/// What an allocating strategy last decided for each prompt it considered: the pass rate it predicted before any
/// rollout, the rollouts it gave the prompt, why, and how often it skipped it. One entry per prompt of the pool, however
/// long the campaign, so it stays bounded; strategies keep it in their exported state and show it in their view.
/// </summary>
public sealed class PromptDecisions
{
    public Dictionary<string, PromptDecision> Prompts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="promptId"/> was given <paramref name="rollouts"/> rollouts (0: skipped) at the step, and why.</summary>
    public void Record(string promptId, string distribution, long stepNumber, double? predictedPassRate, int rollouts, string reason)
    {
        if (!Prompts.TryGetValue(promptId, out var decision))
        {
            Prompts[promptId] = decision = new PromptDecision { Distribution = distribution };
        }
        decision.Step = stepNumber;
        decision.PredictedPassRate = predictedPassRate;
        decision.Budget = rollouts;
        decision.Reason = reason;
        if (rollouts == 0)
        {
            decision.Skips++;
        }
    }

    /// <summary>The view's per-prompt rows, with the ledger's observations where the prompt was trained on.</summary>
    public IReadOnlyList<PromptView> Views(CurriculumLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var rows = new List<PromptView>(Math.Max(Prompts.Count, ledger.Prompts.Count));
        foreach (var (id, tally) in ledger.Prompts)
        {
            var decision = Prompts.GetValueOrDefault(id);
            rows.Add(new PromptView(id, tally.Distribution, null, tally.ObservedDifficulty, tally.Attempts,
                decision?.PredictedPassRate, decision?.Budget, decision?.Reason, decision?.Skips ?? 0));
        }
        foreach (var (id, decision) in Prompts.Where(p => !ledger.Prompts.ContainsKey(p.Key)))
        {
            rows.Add(new PromptView(id, decision.Distribution, null, null, 0, decision.PredictedPassRate, decision.Budget, decision.Reason, decision.Skips));
        }
        return rows;
    }
}

/// <summary>One prompt's latest allocation decision (see <see cref="PromptDecisions"/>).</summary>
public sealed class PromptDecision
{
    public string Distribution { get; set; } = string.Empty;

    public long Step { get; set; }

    public double? PredictedPassRate { get; set; }

    public int Budget { get; set; }

    public string Reason { get; set; } = string.Empty;

    public long Skips { get; set; }
}
