using System.Runtime.InteropServices;

namespace Rlvr.Torch.Native;

// Mirrors of the structs in native/rlvr_torch.h (field order and types must match).

[StructLayout(LayoutKind.Sequential)]
internal struct NativeConfig
{
    public int VocabSize;
    public int Width;
    public int Layers;
    public int Heads;
    public int ContextLength;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeBatch
{
    public int* Tokens;
    public int* Lengths;
    public int Count;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeSampleOptions
{
    public int CompletionsPerPrompt;
    public int MaxNewTokens;
    public float Temperature;
    public float TopP;
    public int StopToken;
    public int UseKvCache;
    public ulong Seed;
    public ulong* PromptSeeds;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeOptimizerOptions
{
    public double LearningRate;
    public double WeightDecay;
    public double MaxGradNorm;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeGrpoOptions
{
    public NativeOptimizerOptions Optimizer;
    public float ClipLow;
    public float ClipHigh;
    public float DualClip;
    public float KlCoef;
    public float EntropyCoef;
    public float Temperature;
    public int LossAggregation;
    public float TokenSumNorm;
    public int MiniBatches;
    public ulong ShuffleSeed;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeGrpoStats
{
    public float Loss;
    public float Kl;
    public float ClipFraction;
    public float Entropy;
    public float GradNorm;
}
