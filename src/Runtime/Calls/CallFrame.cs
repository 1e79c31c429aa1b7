using System.Text;

namespace Rlvr.Runtime.Calls;

/// <summary>
/// One call of the chain a turn belongs to, linked to the call that made it, with the deadline every call it makes
/// inherits. Immutable, so it flows safely through <see cref="RequestContext"/>.
/// </summary>
internal sealed class CallFrame(GrainId grain, string method, long deadline, CallFrame? caller)
{
    public GrainId Grain { get; } = grain;

    public string Method { get; } = method;

    /// <summary>Deadline in <see cref="Environment.TickCount64"/> milliseconds; <see cref="long.MaxValue"/>: none.</summary>
    public long Deadline { get; } = deadline;

    public CallFrame? Caller { get; } = caller;

    public bool Contains(GrainId grain)
    {
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            if (frame.Grain == grain)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The chain from its first call to this one: "A/1.M -> B/2.N".</summary>
    public override string ToString()
    {
        var frames = new List<CallFrame>();
        for (var frame = this; frame is not null; frame = frame.Caller)
        {
            frames.Add(frame);
        }
        var text = new StringBuilder();
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            text.Append(frames[i].Grain).Append('.').Append(frames[i].Method);
            if (i > 0)
            {
                text.Append(" -> ");
            }
        }
        return text.ToString();
    }
}
