using Orleans.Runtime.Messaging;

namespace Rlvr.Grains.Campaigns;

/// <summary>The failures a call sees when the silo it went to died or could not be reached: the work, not the step, is lost.</summary>
public static class ClusterFailures
{
    public static bool IsSiloLoss(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or ConnectionFailedException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsSiloLoss),
        _ => exception.InnerException is { } inner && IsSiloLoss(inner),
    };
}
