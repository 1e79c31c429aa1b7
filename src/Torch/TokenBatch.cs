namespace Rlvr.Torch;

/// <summary>
/// A ragged batch of token sequences laid end to end: sequence i is
/// <c>Tokens[Offset(i) .. Offset(i) + Lengths[i]]</c>. Per-token arrays passed with a batch (masks,
/// log-probabilities) use the same flat layout.
/// </summary>
public sealed class TokenBatch
{
    private readonly int[] offsets;

    public TokenBatch(int[] tokens, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Length == 0)
        {
            throw new ArgumentException("a batch needs at least one sequence", nameof(lengths));
        }

        offsets = new int[lengths.Length];
        var total = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] <= 0)
            {
                throw new ArgumentException($"lengths[{i}] = {lengths[i]}: every sequence needs at least one token", nameof(lengths));
            }

            offsets[i] = total;
            total += lengths[i];
        }

        if (total != tokens.Length)
        {
            throw new ArgumentException($"the lengths sum to {total} but there are {tokens.Length} tokens", nameof(tokens));
        }

        Tokens = tokens;
        Lengths = lengths;
    }

    public int[] Tokens { get; }

    public int[] Lengths { get; }

    public int Count => Lengths.Length;

    public int TotalTokens => Tokens.Length;

    public int Offset(int sequence) => offsets[sequence];

    public ReadOnlySpan<int> Sequence(int index) => Tokens.AsSpan(offsets[index], Lengths[index]);

    public static TokenBatch FromSequences(IReadOnlyList<int[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var lengths = new int[sequences.Count];
        for (var i = 0; i < lengths.Length; i++)
        {
            lengths[i] = sequences[i].Length;
        }

        var tokens = new int[lengths.Sum()];
        var at = 0;
        foreach (var sequence in sequences)
        {
            sequence.CopyTo(tokens, at);
            at += sequence.Length;
        }

        return new TokenBatch(tokens, lengths);
    }
}
