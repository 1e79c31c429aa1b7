namespace Rlvr.Runtime.Activations;

/// <summary>A unit of work in an activation's mailbox: a grain call or a timer tick.</summary>
internal abstract class Turn(TurnKind kind)
{
    public TurnKind Kind { get; } = kind;

    /// <summary>Whether receiving it resets the activation's idle clock (calls and reminder ticks do, timer ticks do not).</summary>
    public abstract bool KeepsAlive { get; }

    /// <summary>The caller has given up on it (its deadline passed), so it is not started.</summary>
    public abstract bool IsExpired(long now);

    /// <summary>Runs on the activation's scheduler; never throws.</summary>
    public abstract Task RunAsync(Activation activation);

    /// <summary>
    /// Reports a turn that ran to whoever waits for it. The scheduler calls it after letting go of the activation's
    /// thread, so whatever continuation runs inline here cannot hold up the activation.
    /// </summary>
    public virtual void Publish() { }

    /// <summary>Link of <see cref="ActivationScheduler"/>'s list of turns finished but not yet published.</summary>
    public Turn? NextFinished { get; set; }

    /// <summary>Fails the turn without running it.</summary>
    public abstract void Reject(Exception error);

    /// <summary>The activation closed before running it: a call goes to the grain's next activation, a timer tick is dropped.</summary>
    public abstract void Forward(Catalog catalog);
}
