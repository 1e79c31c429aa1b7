namespace Rlvr.Torch;

/// <summary>Shape of the decoder-only transformer (rotary positions, pre-LayerNorm, tied embeddings, MLP 4x width).</summary>
public sealed record PolicyConfig(int VocabSize, int Width, int Layers, int Heads, int ContextLength)
{
    /// <summary>
    /// The default policy: about 0.6M parameters over the character tokenizer, sized so a GRPO campaign of
    /// ~100 steps (16 prompts x 8 completions, short answers) runs in minutes on 2 CPU cores.
    /// </summary>
    public static PolicyConfig Default { get; } = new(CharTokenizer.VocabSize, Width: 128, Layers: 3, Heads: 4, ContextLength: 96);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        Require(VocabSize > 0, nameof(VocabSize), "must be positive");
        Require(Width > 0, nameof(Width), "must be positive");
        Require(Layers > 0, nameof(Layers), "must be positive");
        Require(Heads > 0, nameof(Heads), "must be positive");
        Require(ContextLength > 0, nameof(ContextLength), "must be positive");
        Require(Width % Heads == 0, nameof(Width), $"({Width}) must be divisible by {nameof(Heads)} ({Heads})");
        Require(Width / Heads % 2 == 0, nameof(Width), $"/ {nameof(Heads)} ({Width / Heads}) must be even for rotary embeddings");
    }

    private void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(PolicyConfig)}.{field} {problem}: {this}", field);
        }
    }
}
