using System.Globalization;
using Rlvr.Api.Contracts;
using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Storage.Checkpoints;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Curriculum;
using Rlvr.Training.Metrics;
using Rlvr.Training.Tasks;

namespace Rlvr.Silo.Api;

/// <summary>The grains' records as the API's contracts (which the client shares without depending on the grains).</summary>
internal static class ApiMapping
{
    public static CampaignInfo ToInfo(this CampaignProgress p, string id) => new(
        id, p.Status.ToString(), p.Step, p.Steps, p.PolicyVersion, p.ConfigHash, p.Error, p.Latest?.ToInfo(), p.Evaluations.Select(ToInfo).ToList(), p.Silo,
        p.Strategy, p.CreatedUtc, MemorisationCheck.Find(p.Latest, p.Evaluations).Select(ToWarning).ToList());

    private static CampaignWarningInfo ToWarning(MemorisationSign sign) => new(
        CampaignWarningInfo.Memorisation, sign.Distribution,
        string.Create(CultureInfo.InvariantCulture,
            $"{sign.Distribution}: training pass rate {100 * sign.TrainingPassRate:F1}% against {100 * sign.HeldOutAccuracy:F1}% held out; the policy may be memorising a small training pool"),
        sign.TrainingPassRate, sign.HeldOutAccuracy);

    public static StepInfo ToInfo(this StepMetrics m) => new(
        m.Step, m.PolicyVersion, m.PassRates, Phases(m.Phases), m.Curriculum?.Select(ToInfo).ToList() ?? [], m.Phases.ElapsedMs,
        StepMetric.All.Where(s => m.Scalars.ContainsKey(s.Name)).ToDictionary(s => s.Name, s => m[s], StringComparer.Ordinal));

    public static EvaluationInfo ToInfo(this EvaluationResult e) => new(e.Step, e.PolicyVersion, e.Accuracy, e.SampledAccuracy, e.Mean, e.SampledMean);

    public static DistributionInfo ToInfo(this DistributionView d) => new(d.Name, d.Probability, d.UcbScore, d.WindowMeanAbsAdvantage, d.Rollouts, d.PassRate);

    public static PromptInfo ToInfo(this PromptView p, TaskPrompt prompt) => new(
        p.PromptId, p.Distribution, p.PredictedDifficulty, p.ObservedDifficulty, p.Attempts, p.PredictedPassRate, p.Budget, p.Reason, p.Skips,
        prompt.Text, prompt.Answer);

    public static CheckpointInfo ToInfo(this CheckpointManifest m) => new(
        m.Sequence, m.CreatedUtc, m.Metadata.GetValueOrDefault(CampaignCheckpoint.ConfigHashKey), m.Metadata.GetValueOrDefault(CampaignCheckpoint.WeightsHashKey),
        m.Blobs.Select(b => new CheckpointBlobInfo(b.Name, b.Length, b.Sha256)).ToList());

    public static SweepInfo ToInfo(this SweepView v) => new(
        v.Id, v.Status.ToString(), v.CreatedUtc, v.Concurrency, v.Reference,
        v.Axes.Select(a => new SweepAxisInfo(a.Name, a.Values)).ToList(),
        v.Campaigns.Select(c => new SweepCampaignInfo(
            c.CampaignId, c.Arm, c.Seed, c.Status == CampaignStatus.None ? "Pending" : c.Status.ToString(), c.Step, c.Steps, c.Error, c.Silo)).ToList(),
        new SweepComparisonInfo(
            v.Comparison.ReferenceAccuracy, v.Comparison.RolloutBudget,
            v.Comparison.Arms.Select(a => new SweepArmInfo(
                a.Arm, a.Seeds, a.Finished, a.FinalSampledMean, a.FinalSampledStd, a.FinalGreedyMean, a.FinalGreedyStd,
                a.RolloutsToReference, a.ReachedSeeds, a.AccuracyAtBudgetMean, a.AccuracyAtBudgetStd, a.WallSecondsMean)).ToList(),
            v.Comparison.Unfinished,
            v.Comparison.Curves.ToDictionary(
                c => c.Key, c => (IReadOnlyList<SweepCurvePointInfo>)[.. c.Value.Select(p => new SweepCurvePointInfo(p.Rollouts, p.Sampled, p.Greedy))])));

    /// <summary>The phase names of <see cref="Phases"/>, in its order, then the step's wall time (less than their sum when pipelined).</summary>
    public static readonly IReadOnlyList<string> PhaseNames = ["selection", "rollout", "verification", "update", "bookkeeping", "evaluation", "wall"];

    public static IReadOnlyDictionary<string, double> Phases(PhaseTimings t) =>
        PhaseNames.Zip([t.SelectionMs, t.RolloutMs, t.VerificationMs, t.UpdateMs, t.BookkeepingMs, t.EvaluationMs, t.WallMs])
            .ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
}
