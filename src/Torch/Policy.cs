using Rlvr.Torch.Native;

namespace Rlvr.Torch;

/// <summary>
/// A trainable policy in the native shim: the model, a frozen reference copy (for the KL term), AdamW state
/// and a generator. Each method is one native call. Not thread-safe: use one policy from one thread at a time.
/// </summary>
public sealed unsafe class Policy : IDisposable
{
    private readonly PolicyHandle handle;

    private Policy(PolicyHandle handle, PolicyConfig config, string device)
    {
        this.handle = handle;
        Config = config;
        Device = device;
    }

    public PolicyConfig Config { get; }

    /// <summary>"cpu" or "cuda:N" (CUDA needs a shim built against a CUDA libtorch).</summary>
    public string Device { get; }

    public long ParameterCount
    {
        get
        {
            var count = NativeMethods.rlvr_policy_parameter_count(handle);
            TorchException.ThrowIfFailed();
            return count;
        }
    }

    /// <summary>Creates a policy with weights drawn from <paramref name="seed"/>; the reference is a copy of them.</summary>
    public static Policy Create(PolicyConfig config, string device = "cpu", ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(device);
        config.Validate();
        TorchRuntime.EnsureConfigured();
        var native = new NativeConfig
        {
            VocabSize = config.VocabSize,
            Width = config.Width,
            Layers = config.Layers,
            Heads = config.Heads,
            ContextLength = config.ContextLength,
        };
        var handle = NativeMethods.rlvr_policy_create(&native, device, seed);
        TorchException.ThrowIfFailed();
        return new Policy(handle, config, device);
    }

    /// <summary>Makes the reference policy a copy of the current weights.</summary>
    public void SnapshotReference()
    {
        TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_snapshot_reference(handle));
    }

    /// <summary>Samples <see cref="SampleOptions.CompletionsPerPrompt"/> completions of every prompt (KV-cached by default).</summary>
    public SampleResult Sample(TokenBatch prompts, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.CompletionsPerPrompt, nameof(options.CompletionsPerPrompt));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxNewTokens, nameof(options.MaxNewTokens));
        if (options.PromptSeeds is { } seeds && seeds.Count != prompts.Count)
        {
            throw new ArgumentException(
                $"{nameof(options.PromptSeeds)} has {seeds.Count} seeds for {prompts.Count} prompts: give one per prompt.", nameof(options));
        }
        var promptSeeds = options.PromptSeeds?.ToArray();
        var rows = prompts.Count * options.CompletionsPerPrompt;
        var tokens = new int[rows * options.MaxNewTokens];
        var logProbs = new float[tokens.Length];
        var lengths = new int[rows];
        var native = new NativeSampleOptions
        {
            CompletionsPerPrompt = options.CompletionsPerPrompt,
            MaxNewTokens = options.MaxNewTokens,
            Temperature = options.Temperature,
            TopP = options.TopP,
            StopToken = options.StopToken,
            UseKvCache = options.UseKvCache ? 1 : 0,
            Seed = options.Seed,
        };
        fixed (int* promptTokens = prompts.Tokens, promptLengths = prompts.Lengths, outTokens = tokens, outLengths = lengths)
        fixed (float* outLogProbs = logProbs)
        fixed (ulong* seedsPerPrompt = promptSeeds)
        {
            native.PromptSeeds = seedsPerPrompt;
            var batch = new NativeBatch { Tokens = promptTokens, Lengths = promptLengths, Count = prompts.Count };
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_sample(handle, &batch, &native, outTokens, outLogProbs, outLengths));
        }

        return new SampleResult(options.CompletionsPerPrompt, options.MaxNewTokens, tokens, logProbs, lengths);
    }

    /// <summary>
    /// log p(token t | tokens before t) for every token of every sequence, in the batch's flat layout
    /// (0 for each sequence's first token), from the policy or from its frozen reference.
    /// </summary>
    public float[] LogProbs(TokenBatch sequences, float temperature = 1f, bool reference = false)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var result = new float[sequences.TotalTokens];
        fixed (int* tokens = sequences.Tokens, lengths = sequences.Lengths)
        fixed (float* output = result)
        {
            var batch = new NativeBatch { Tokens = tokens, Lengths = lengths, Count = sequences.Count };
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_logprobs(handle, &batch, temperature, reference ? 1 : 0, output));
        }

        return result;
    }

    /// <summary>One GRPO update (advantages computed by the caller), split into mini-batches.</summary>
    public GrpoStats GrpoStep(TrainingBatch batch, GrpoOptions options)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        batch.Validate();
        var native = new NativeGrpoOptions
        {
            Optimizer = ToNative(options.Optimizer),
            ClipLow = options.ClipLow,
            ClipHigh = options.ClipHigh,
            DualClip = options.DualClip,
            KlCoef = options.KlCoef,
            EntropyCoef = options.EntropyCoef,
            Temperature = options.Temperature,
            LossAggregation = (int)options.LossAggregation,
            TokenSumNorm = options.TokenSumNorm,
            MiniBatches = options.MiniBatches,
            ShuffleSeed = options.ShuffleSeed,
        };
        NativeGrpoStats stats;
        var sequences = batch.Sequences;
        fixed (int* tokens = sequences.Tokens, lengths = sequences.Lengths)
        fixed (bool* mask = batch.ResponseMask)
        fixed (float* advantages = batch.Advantages, old = batch.OldLogProbs, behavior = batch.BehaviorLogProbs)
        {
            var nativeBatch = new NativeBatch { Tokens = tokens, Lengths = lengths, Count = sequences.Count };
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_grpo_step(handle, &nativeBatch, (byte*)mask, advantages, old, behavior, &native, &stats));
        }

        return new GrpoStats(stats.Loss, stats.Kl, stats.ClipFraction, stats.Entropy, stats.GradNorm);
    }

    /// <summary>One cross-entropy step on the tokens marked in <paramref name="targetMask"/> (flat layout); returns the loss.</summary>
    public float SupervisedStep(TokenBatch sequences, bool[] targetMask, OptimizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(targetMask);
        ArgumentNullException.ThrowIfNull(options);
        if (targetMask.Length != sequences.TotalTokens)
        {
            throw new ArgumentException($"{nameof(targetMask)} needs one entry per token ({sequences.TotalTokens}), got {targetMask.Length}", nameof(targetMask));
        }

        var native = ToNative(options);
        float loss;
        fixed (int* tokens = sequences.Tokens, lengths = sequences.Lengths)
        fixed (bool* mask = targetMask)
        {
            var batch = new NativeBatch { Tokens = tokens, Lengths = lengths, Count = sequences.Count };
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_supervised_step(handle, &batch, (byte*)mask, &native, &loss));
        }

        return loss;
    }

    /// <summary>Mean-pooled final hidden states: <c>[sequences.Count, Config.Width]</c>, row-major.</summary>
    public float[] Embed(TokenBatch sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var result = new float[sequences.Count * Config.Width];
        fixed (int* tokens = sequences.Tokens, lengths = sequences.Lengths)
        fixed (float* output = result)
        {
            var batch = new NativeBatch { Tokens = tokens, Lengths = lengths, Count = sequences.Count };
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_embed(handle, &batch, output));
        }

        return result;
    }

    /// <summary>Weights, reference weights, optimizer state and generator state (libtorch's archive format).</summary>
    public byte[] SaveState()
    {
        using var buffer = NativeMethods.rlvr_policy_save_state(handle);
        TorchException.ThrowIfFailed();
        return buffer.ToArray();
    }

    /// <summary>Restores a <see cref="SaveState()"/> buffer of a policy with the same configuration.</summary>
    public void LoadState(ReadOnlySpan<byte> state)
    {
        fixed (byte* data = state)
        {
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_load_state(handle, data, state.Length));
        }
    }

    /// <summary>Writes <see cref="SaveState()"/> to a file (through a temporary file, so a crash leaves the old one).</summary>
    public void SaveState(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, SaveState());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Restores a state file; an unreadable or truncated file raises an exception that names it.</summary>
    public void LoadState(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var state = File.ReadAllBytes(path);
        try
        {
            LoadState(state);
        }
        catch (TorchException e)
        {
            throw new TorchException($"cannot load policy state from '{path}': {e.Message}", e);
        }
    }

    /// <summary>The weights alone, to publish a policy version to rollout workers.</summary>
    public byte[] ExportWeights()
    {
        using var buffer = NativeMethods.rlvr_policy_export_weights(handle);
        TorchException.ThrowIfFailed();
        return buffer.ToArray();
    }

    /// <summary>Replaces the weights with an <see cref="ExportWeights"/> buffer (optimizer and reference unchanged).</summary>
    public void ImportWeights(ReadOnlySpan<byte> weights)
    {
        fixed (byte* data = weights)
        {
            TorchException.ThrowIfFailed(NativeMethods.rlvr_policy_import_weights(handle, data, weights.Length));
        }
    }

    /// <summary>FNV-1a 64 over the weights' bytes: equal weights, equal hash.</summary>
    public ulong WeightsHash()
    {
        var hash = NativeMethods.rlvr_policy_weights_hash(handle);
        TorchException.ThrowIfFailed();
        return hash;
    }

    public void Dispose() => handle.Dispose();

    private static NativeOptimizerOptions ToNative(OptimizerOptions options) => new()
    {
        LearningRate = options.LearningRate,
        WeightDecay = options.WeightDecay,
        MaxGradNorm = options.MaxGradNorm,
    };
}
