using System.Diagnostics;
using Rlvr.Grains.Contracts;

namespace Rlvr.Grains.Campaigns;

// Checkpoints, the ledger's pruning, and the restore of every grain of the campaign from the latest good checkpoint.
public sealed partial class CampaignGrain
{
    /// <summary>Commits the campaign at <paramref name="step"/> and prunes the rollout ledger behind the previous checkpoint.</summary>
    private async Task Checkpoint(long step, string weightsHash)
    {
        var progress = new CampaignProgressRecord(Current.Step, Current.PolicyVersion, Current.LastCheckpoint, _next);
        var started = Stopwatch.GetTimestamp();
        await Checkpointer.Commit(step, progress, Current.ConfigHash!, weightsHash);
        meters.CheckpointCommitted(Id, Stopwatch.GetElapsedTime(started));
        await PruneLedger(Current.LastCheckpoint);
        Current.LastCheckpoint = step;
    }

    /// <summary>
    /// Deletes the ledger's pages through <paramref name="previousCheckpoint"/>: kept back to the checkpoint before the
    /// latest, which a restore falls back to when the latest fails to verify.
    /// </summary>
    private async Task PruneLedger(long? previousCheckpoint)
    {
        if (previousCheckpoint is { } through && through > Current.LedgerPrunedThrough)
        {
            await Ledger.Prune(Current.LedgerPrunedThrough, through);
            if (_campaign!.Config.ExternalTrainer)
            {
                // The trainer's updates and evaluations are replayed from the same checkpoints the ledger is.
                await GrainFactory.GetGrain<IExternalTrainerGrain>(Id).Forget(through);
            }
            Current.LedgerPrunedThrough = through;
        }
    }

    /// <summary>Every grain of the campaign holds the state of the campaign's step: restored from the latest good checkpoint if not.</summary>
    private Task Restored() => _consistent ? Task.CompletedTask : _restoring ??= RestoreFromLatestCheckpoint();

    private async Task RestoreFromLatestCheckpoint()
    {
        try
        {
            var restored = await Checkpointer.Restore(Current.ConfigHash!);
            var resumedFrom = Current.Step;
            Current.Step = restored.Step;
            Current.PolicyVersion = restored.PolicyVersion;
            Current.WeightsHash = restored.WeightsHash;
            Current.LastCheckpoint = restored.Checkpoint;
            _next = restored.Next;
            // A crash between a commit and its pruning leaves the pruning to do.
            await PruneLedger(restored.PreviousCheckpoint);
            await _history!.CutAsync(restored.Step);
            await state.WriteStateAsync();
            meters.StepIs(Id, restored.Step);
            _consistent = true;
            LogRestored(logger, Id, restored.Checkpoint, resumedFrom);
        }
        finally
        {
            _restoring = null;
        }
    }
}
