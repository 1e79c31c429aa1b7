namespace Rlvr.Training.Metrics;

/// <summary>
/// Spots a policy that memorises its training prompts: both numbers are pass@1 of completions sampled at the training
/// temperature, on prompts of one distribution, so they differ by little unless the policy learned the training pool
/// rather than the task (a small pool, many steps). Compares the latest step's training pass rate with the latest
/// evaluation taken after training began: the one after the warm start alone would flag a campaign that simply learned.
/// </summary>
public static class MemorisationCheck
{
    /// <summary>
    /// The gap that counts: a step's pass rate over a few groups and an evaluation over a few dozen prompts each wander
    /// by about 0.1 on their own (binomial noise at tens of samples), so a quarter is well beyond chance.
    /// </summary>
    public const double Gap = 0.25;

    public static IReadOnlyList<MemorisationSign> Find(StepMetrics? latest, IReadOnlyList<EvaluationResult> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var evaluation = evaluations.Where(e => e.Step > 0).MaxBy(e => e.Step);
        if (latest is null || evaluation is null)
        {
            return [];
        }
        return latest.PassRates
            .Where(p => evaluation.SampledAccuracy.TryGetValue(p.Key, out var heldOut) && p.Value - heldOut >= Gap)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new MemorisationSign(p.Key, p.Value, evaluation.SampledAccuracy[p.Key]))
            .ToList();
    }
}
