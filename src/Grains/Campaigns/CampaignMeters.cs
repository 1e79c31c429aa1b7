using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Rlvr.Training.Metrics;

namespace Rlvr.Grains.Campaigns;

/// <summary>
/// The campaigns' meters ("Rlvr.Campaigns"), for the tools operators already run (the silo serves them to Prometheus):
/// steps, rollouts and tokens as counters (their rates are steps, rollouts and tokens per second; a step recomputed
/// after a restore counts again), phase and checkpoint durations as histograms, and each campaign's current step as a
/// gauge, all tagged with the campaign.
/// </summary>
public sealed class CampaignMeters
{
    public const string MeterName = "Rlvr.Campaigns";

    private readonly Counter<long> _steps;
    private readonly Counter<long> _rollouts;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _phases;
    private readonly Histogram<double> _checkpoints;
    private readonly ConcurrentDictionary<string, long> _currentSteps = new(StringComparer.Ordinal);

    public CampaignMeters(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _steps = meter.CreateCounter<long>("rlvr.campaign.steps", "{step}", "GRPO steps completed");
        _rollouts = meter.CreateCounter<long>("rlvr.campaign.rollouts", "{rollout}", "Completions generated and scored");
        _tokens = meter.CreateCounter<long>("rlvr.campaign.tokens", "{token}", "Tokens of the steps' rollouts");
        _phases = meter.CreateHistogram<double>("rlvr.campaign.phase.duration", "ms", "Time of a step's phase");
        _checkpoints = meter.CreateHistogram<double>("rlvr.campaign.checkpoint.duration", "ms", "Time to commit a checkpoint");
        meter.CreateObservableGauge("rlvr.campaign.step", () => _currentSteps.Select(
            c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("campaign", c.Key))), "{step}", "The campaign's current step");
    }

    public void StepCompleted(string campaign, StepMetrics metrics, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var tag = new KeyValuePair<string, object?>("campaign", campaign);
        _steps.Add(1, tag);
        _rollouts.Add((long)(metrics[StepMetric.GroupsGenerated] ?? 0) * groupSize, tag);
        _tokens.Add((long)(metrics[StepMetric.Tokens] ?? 0), tag);
        var p = metrics.Phases;
        foreach (var (phase, ms) in new[]
        {
            ("selection", p.SelectionMs), ("rollout", p.RolloutMs), ("verification", p.VerificationMs), ("update", p.UpdateMs),
            ("bookkeeping", p.BookkeepingMs), ("evaluation", p.EvaluationMs), ("wall", p.WallMs),
        })
        {
            _phases.Record(ms, tag, new KeyValuePair<string, object?>("phase", phase));
        }
        _currentSteps[campaign] = metrics.Step;
    }

    public void CheckpointCommitted(string campaign, TimeSpan took) =>
        _checkpoints.Record(took.TotalMilliseconds, new KeyValuePair<string, object?>("campaign", campaign));

    /// <summary>The step a campaign stands at now (after a restore, the checkpoint's).</summary>
    public void StepIs(string campaign, long step) => _currentSteps[campaign] = step;
}
