using System.Runtime.InteropServices;
using Rlvr.Torch.Native;

namespace Rlvr.Torch;

/// <summary>A failure inside the native shim or libtorch; the message is the native one.</summary>
public sealed class TorchException : Exception
{
    public TorchException()
    {
    }

    public TorchException(string message)
        : base(message)
    {
    }

    public TorchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws if a native call that returns a status (negative on failure) failed. Call it right after the P/Invoke.</summary>
    internal static void ThrowIfFailed(int status)
    {
        if (status < 0)
        {
            ThrowIfFailed();
        }
    }

    /// <summary>Throws if the last native call on this thread failed. Call it right after the P/Invoke.</summary>
    internal static void ThrowIfFailed()
    {
        var error = NativeMethods.rlvr_last_error();
        if (error != 0)
        {
            throw new TorchException(Marshal.PtrToStringUTF8(error) ?? "unknown native error");
        }
    }
}
