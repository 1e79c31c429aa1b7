namespace Rlvr.Runtime.Calls;

/// <summary>The call being served by the current turn; flows across awaits into the calls the turn makes.</summary>
internal static class RequestContext
{
    private static readonly AsyncLocal<CallFrame?> CurrentFrame = new();

    public static CallFrame? Current
    {
        get => CurrentFrame.Value;
        set => CurrentFrame.Value = value;
    }
}
