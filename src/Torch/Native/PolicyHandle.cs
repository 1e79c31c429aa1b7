using Microsoft.Win32.SafeHandles;

namespace Rlvr.Torch.Native;

/// <summary>Owns a native rlvr_policy; frees it exactly once.</summary>
internal sealed class PolicyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PolicyHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rlvr_policy_free(handle);
        return true;
    }
}
