using Rlvr.Training.Tasks;
using StableHash = Rlvr.Training.Determinism.StableHash;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// The default DOTS embedding: counts of the prompt's character n-grams (n = 1..<see cref="MaxN"/>) hashed
/// into <see cref="Dimension"/> buckets. Cheap, deterministic, and it sees prompt length and structure.
/// </summary>
public sealed class HashedNGramEmbedder(int dimension = 64, int maxN = 3) : IPromptEmbedder
{
    public int Dimension { get; } = dimension > 0 ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension));

    public int MaxN { get; } = maxN > 0 ? maxN : throw new ArgumentOutOfRangeException(nameof(maxN));

    public IReadOnlyList<float[]> Embed(IReadOnlyList<TaskPrompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        return prompts.Select(p => Embed(p.Text)).ToList();
    }

    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimension];
        for (var n = 1; n <= MaxN; n++)
        {
            for (var start = 0; start + n <= text.Length; start++)
            {
                vector[(int)(StableHash.Of(text.Substring(start, n)) % (ulong)Dimension)] += 1f;
            }
        }
        return vector;
    }
}
