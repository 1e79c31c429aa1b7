using Rlvr.Torch;

namespace Rlvr.Cli;

/// <summary>The built-in supervised warm-up task: "a+b=" -> the sum, for 2-digit operands.</summary>
internal sealed record AdditionTask(string Prompt, string Answer)
{
    public const int MaxAnswerTokens = 4; // up to 3 digits and the stop token

    public static AdditionTask Draw(Random random)
    {
        var a = Operand(random);
        var b = Operand(random);
        return new AdditionTask($"{a}+{b}=", (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The prompt's ids (begin token first).</summary>
    public int[] PromptTokens() => CharTokenizer.Encode(Prompt, withBegin: true);

    /// <summary>Prompt, answer and stop token as one sequence, and the mask of the tokens that carry the loss (the answer and the stop).</summary>
    public (int[] Tokens, bool[] Target) TrainingSequence()
    {
        var prompt = PromptTokens();
        int[] tokens = [.. prompt, .. CharTokenizer.Encode(Answer), CharTokenizer.EndToken];
        var target = new bool[tokens.Length];
        target.AsSpan(prompt.Length).Fill(true);
        return (tokens, target);
    }

    private static int Operand(Random random) => random.Next(10, 100);
}
