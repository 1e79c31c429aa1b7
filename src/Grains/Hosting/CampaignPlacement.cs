namespace Rlvr.Grains.Hosting;

/// <summary>
/// Places a campaign on the silo whose call activates it (the silo whose API created or asked for it, as Orleans'
/// prefer-local placement does), unless the call carries a slot (<see cref="InSlot{TTask}"/>: a sweep's campaigns), which
/// places it on that slot of the compatible silos in address order, so that a sweep's campaigns spread over the cluster
/// instead of all running beside the sweep, the same way on every run. Its learner goes to a GPU silo either way.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("rlvr.CampaignPlacement")]
public sealed class CampaignPlacement : PlacementStrategy
{
    /// <summary>The request-context key of the slot.</summary>
    public const string SlotKey = "rlvr.campaign-slot";

    /// <summary>Calls <paramref name="call"/> with <paramref name="slot"/> in the request context of the calls it makes, and only those.</summary>
    public static TTask InSlot<TTask>(int slot, Func<TTask> call)
        where TTask : Task
    {
        ArgumentNullException.ThrowIfNull(call);
        RequestContext.Set(SlotKey, slot);
        try
        {
            return call();
        }
        finally
        {
            RequestContext.Remove(SlotKey);
        }
    }
}
