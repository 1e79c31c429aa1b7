namespace Rlvr.Training.Curriculum;

/// <summary>Builds the per-prompt rows of a <see cref="CurriculumView"/> from the ledger (and DOTS predictions).</summary>
internal static class LedgerViews
{
    public static List<PromptView> Prompts(CurriculumLedger ledger, IReadOnlyDictionary<string, PredictedPrompt>? predicted)
    {
        var rows = ledger.Prompts
            .Select(p => new PromptView(
                p.Key,
                p.Value.Distribution,
                predicted is not null && predicted.TryGetValue(p.Key, out var d) ? d.Difficulty : null,
                p.Value.ObservedDifficulty,
                p.Value.Attempts))
            .ToList();
        if (predicted is not null)
        {
            rows.AddRange(predicted
                .Where(p => !ledger.Prompts.ContainsKey(p.Key))
                .Select(p => new PromptView(p.Key, p.Value.Distribution, p.Value.Difficulty, null, 0)));
        }
        return rows;
    }
}
