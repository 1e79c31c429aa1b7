using System.Runtime.InteropServices;

namespace Rlvr.Torch.Native;

// P/Invoke declarations of native/rlvr_torch.h. Every call must be followed, on the same thread, by
// TorchException.ThrowIfFailed(): the native error slot is thread-local.
internal static unsafe partial class NativeMethods
{
    private const string Library = "rlvr_torch";

    [LibraryImport(Library)]
    internal static partial nint rlvr_last_error();

    [LibraryImport(Library)]
    internal static partial int rlvr_set_threads(int threads);

    [LibraryImport(Library)]
    internal static partial int rlvr_get_threads();

    [LibraryImport(Library)]
    internal static partial int rlvr_cuda_device_count();

    [LibraryImport(Library)]
    internal static partial nint rlvr_cpu_capability();

    [LibraryImport(Library)]
    internal static partial nint rlvr_blas_core();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial PolicyHandle rlvr_policy_create(NativeConfig* config, string device, ulong seed);

    [LibraryImport(Library)]
    internal static partial void rlvr_policy_free(nint policy);

    [LibraryImport(Library)]
    internal static partial long rlvr_policy_parameter_count(PolicyHandle policy);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_snapshot_reference(PolicyHandle policy);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_sample(PolicyHandle policy, NativeBatch* prompts, NativeSampleOptions* options,
        int* outTokens, float* outLogProbs, int* outLengths);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_logprobs(PolicyHandle policy, NativeBatch* batch, float temperature,
        int useReference, float* outLogProbs);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_grpo_step(PolicyHandle policy, NativeBatch* batch, byte* responseMask,
        float* advantages, float* oldLogProbs, float* behaviorLogProbs, NativeGrpoOptions* options, NativeGrpoStats* outStats);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_supervised_step(PolicyHandle policy, NativeBatch* batch, byte* targetMask,
        NativeOptimizerOptions* options, float* outLoss);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_embed(PolicyHandle policy, NativeBatch* batch, float* outEmbeddings);

    [LibraryImport(Library)]
    internal static partial BufferHandle rlvr_policy_save_state(PolicyHandle policy);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_load_state(PolicyHandle policy, byte* data, long size);

    [LibraryImport(Library)]
    internal static partial BufferHandle rlvr_policy_export_weights(PolicyHandle policy);

    [LibraryImport(Library)]
    internal static partial int rlvr_policy_import_weights(PolicyHandle policy, byte* data, long size);

    [LibraryImport(Library)]
    internal static partial ulong rlvr_policy_weights_hash(PolicyHandle policy);

    [LibraryImport(Library)]
    internal static partial byte* rlvr_buffer_data(BufferHandle buffer);

    [LibraryImport(Library)]
    internal static partial long rlvr_buffer_size(BufferHandle buffer);

    [LibraryImport(Library)]
    internal static partial void rlvr_buffer_free(nint buffer);
}
