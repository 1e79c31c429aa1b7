namespace Rlvr.Torch;

/// <summary>
/// Character-level tokenizer: id 0 = begin of sequence, 1 = end of sequence (the stop token),
/// 2 = newline, then printable ASCII ' '..'~'.
/// </summary>
public static class CharTokenizer
{
    public const int BeginToken = 0;
    public const int EndToken = 1;
    private const int NewlineToken = 2;
    private const int FirstPrintableToken = 3;
    private const char FirstPrintable = ' ';
    private const char LastPrintable = '~';

    public const int VocabSize = FirstPrintableToken + (LastPrintable - FirstPrintable + 1);

    /// <summary>The ids of <paramref name="text"/>, prefixed with the begin token when asked.</summary>
    public static int[] Encode(string text, bool withBegin = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var offset = withBegin ? 1 : 0;
        var ids = new int[text.Length + offset];
        if (withBegin)
        {
            ids[0] = BeginToken;
        }

        for (var i = 0; i < text.Length; i++)
        {
            ids[i + offset] = text[i] switch
            {
                '\n' => NewlineToken,
                >= FirstPrintable and <= LastPrintable => FirstPrintableToken + (text[i] - FirstPrintable),
                _ => throw new ArgumentException($"character U+{(int)text[i]:X4} at index {i} is not in the tokenizer's alphabet (printable ASCII and newline)", nameof(text)),
            };
        }

        return ids;
    }

    /// <summary>The text of <paramref name="ids"/>; the begin and end tokens produce no text.</summary>
    public static string Decode(ReadOnlySpan<int> ids)
    {
        var chars = new char[ids.Length];
        var length = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (id is BeginToken or EndToken)
            {
                continue;
            }

            if (id < 0 || id >= VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), $"id {id} at index {i} is outside the vocabulary [0, {VocabSize})");
            }

            chars[length++] = id == NewlineToken ? '\n' : (char)(FirstPrintable + (id - FirstPrintableToken));
        }

        return new string(chars, 0, length);
    }
}
