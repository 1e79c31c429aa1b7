using Microsoft.Win32.SafeHandles;

namespace Rlvr.Torch.Native;

/// <summary>Owns a native byte buffer returned by a save or export call.</summary>
internal sealed class BufferHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BufferHandle()
        : base(ownsHandle: true)
    {
    }

    public unsafe byte[] ToArray()
    {
        var size = NativeMethods.rlvr_buffer_size(this);
        return new ReadOnlySpan<byte>(NativeMethods.rlvr_buffer_data(this), checked((int)size)).ToArray();
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rlvr_buffer_free(handle);
        return true;
    }
}
