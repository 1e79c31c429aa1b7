using System.Diagnostics;

namespace Rlvr.Grains.Campaigns;

// One step of the loop.
public sealed partial class CampaignGrain
{
    /// <summary>
    /// One step of the loop: the step itself (its batch first, unless generated during the previous step's update; then
    /// the update, with the next step's batch generated beside it when pipelined), then what the schedule asks for, the
    /// history and the state.
    /// </summary>
    private async Task RunStep()
    {
        var step = Current.Step + 1;
        KillPoints.Reach(KillPoints.StepStart, step);
        var started = Stopwatch.GetTimestamp();
        var runner = Runner(_campaign!);
        var generated = _next is { } carried && carried.Step == step ? carried : await runner.Generate(step, RolloutVersion(step));
        _next = null;
        var training = runner.Train(generated);
        // Pipelined: the next step's batch, rolled out by the policy this update starts from, while the learner updates.
        var generating = _campaign!.Config.Pipeline && !Schedule.IsLast(step) ? runner.Generate(step + 1, RolloutVersion(step + 1)) : null;
        await Task.WhenAll(training, generating ?? Task.CompletedTask);
        var (metrics, update) = await training;
        var next = generating is null ? null : await generating;
        if (Schedule.Evaluates(step))
        {
            var evaluated = Stopwatch.GetTimestamp();
            await _history!.AppendAsync(await runner.Evaluate(step, update.Version));
            metrics = metrics with { Phases = metrics.Phases with { EvaluationMs = Stopwatch.GetElapsedTime(evaluated).TotalMilliseconds } };
        }
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var elapsed = (_history!.Latest?.Phases.ElapsedMs ?? 0) + wall;
        metrics = metrics with { Phases = metrics.Phases with { WallMs = wall, ElapsedMs = elapsed } };
        _next = next;
        Current.Step = step;
        Current.PolicyVersion = update.Version;
        Current.WeightsHash = update.WeightsHash;
        await _history!.AppendAsync(metrics);
        meters.StepCompleted(Id, metrics, _campaign.Config.Grpo.GroupSize);
        var checkpoint = Schedule.Checkpoints(step);
        if (checkpoint)
        {
            await Checkpoint(step, update.WeightsHash);
        }
        if (Schedule.IsLast(step))
        {
            await Complete();
        }
        else
        {
            await state.WriteStateAsync();
        }
        KillPoints.Reach(KillPoints.StepEnd, step);
        if (checkpoint)
        {
            await Checkpointer.ApplyRetention(step);
        }
    }

    /// <summary>
    /// The policy version that rolls out <paramref name="step"/>'s batch: the one its update starts from or, pipelined, the
    /// one before that (the first step's aside). The learner refuses a version it no longer holds.
    /// </summary>
    private long RolloutVersion(long step) => _campaign!.Config.Pipeline ? Math.Max(step - 2, 0) : step - 1;
}
