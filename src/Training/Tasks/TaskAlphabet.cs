namespace Rlvr.Training.Tasks;

/// <summary>
/// The characters built-in prompts and answers use, so a character-level tokenizer can be built from them.
/// Datasets may add characters: <see cref="For"/> returns the built-in alphabet followed by the extra
/// characters in ordinal order, so existing token ids never move.
/// </summary>
public static class TaskAlphabet
{
    /// <summary>Ends an answer; a tokenizer may map it to its end-of-answer token.</summary>
    public const char Separator = ';';

    /// <summary>Digits, knights-puzzle people A..G, the sorting marker S, operators and punctuation.</summary>
    public const string BuiltIn = "0123456789ABCDEFGS+-*=?,:&|~;";

    public static string For(IEnumerable<TaskPrompt> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var known = new HashSet<char>(BuiltIn);
        var extra = new SortedSet<char>();
        foreach (var prompt in prompts)
        {
            foreach (var c in prompt.Text.Concat(prompt.Answer))
            {
                if (!known.Contains(c))
                {
                    extra.Add(c);
                }
            }
        }
        return BuiltIn + string.Concat(extra);
    }
}
