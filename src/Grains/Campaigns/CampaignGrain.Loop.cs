using Rlvr.Grains.Contracts;
using Rlvr.Training.Campaigns;

namespace Rlvr.Grains.Campaigns;

// The step loop: a keep-alive timer, the self-call that chains the steps, the watchdog reminder, and what a failed step does.
public sealed partial class CampaignGrain
{
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Loop.OnWatchdog(Current.Status is CampaignStatus.Running or CampaignStatus.Creating, TimerTick);

    private async Task TimerTick(CancellationToken cancellationToken)
    {
        if (!_continuing)
        {
            await Tick(cancellationToken);
            Continue();
        }
    }

    public async Task ContinueLoop()
    {
        _continuing = false;
        if (Loop.IsTicking)
        {
            await Tick(CancellationToken.None);
            Continue();
        }
    }

    private void Continue()
    {
        if (Loop.IsTicking && !_continuing && Current.Status == CampaignStatus.Running)
        {
            _continuing = true;
            this.AsReference<ICampaignGrain>().ContinueLoop().Ignore();
        }
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        if (Current.Status == CampaignStatus.Creating)
        {
            await FinishCreationInTheLoop();
            return;
        }
        if (Current.Status != CampaignStatus.Running)
        {
            Loop.Stop();
            return;
        }
        var restoring = !_consistent;
        try
        {
            await Restored();
            if (Current.Step >= Current.Steps)
            {
                await Complete();
                return;
            }
            await RunStep();
            _restoresInARow = 0;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Not the step's fault but the silo's shutdown: the campaign stays running and resumes from its last checkpoint
            // once a silo is back (the revival at start-up, or the watchdog reminder).
            Loop.Stop();
            _consistent = false;
        }
        catch (TrainerInterruptedException e)
        {
            // A pause or a stop while the step waited for its external trainer: resuming restores and replays the reports.
            LogInterrupted(logger, Id, e.Message);
            _consistent = false;
        }
        catch (CampaignRestoreRequiredException e) when (!restoring || _restoresInARow < MaxRestoresInARow)
        {
            // A grain of the campaign was activated anew mid-run: the next tick restores them all and recomputes. Right
            // after a silo dies the cluster may activate one anew again while it settles, so a few restores in a row are
            // allowed; more means the restore itself is broken.
            LogRestoring(logger, Id, e.Message);
            _consistent = false;
            _restoresInARow = restoring ? _restoresInARow + 1 : 1;
        }
        catch (Exception e) when (ClusterFailures.IsSiloLoss(e))
        {
            // A silo that held a grain of the campaign died mid-step (the learner, say): its grains come back on the
            // survivors, and the next tick restores them all from the last checkpoint and recomputes.
            LogSiloLost(logger, Id, e.Message);
            _consistent = false;
            // Until membership declares the silo dead, calls to it fail at once: no need to spin.
            await Task.Delay(SiloLossBackoff, CancellationToken.None);
        }
        catch (Exception e)
        {
            Loop.Stop();
            _consistent = false;
            Current.Status = CampaignStatus.Failed;
            Current.Error = $"step {Current.Step + 1}: {e.GetType().Name}: {e.Message}";
            await state.WriteStateAsync(CancellationToken.None);
            await Loop.Disarm();
        }
    }
}
