namespace Rlvr.Training.Curriculum;

/// <summary>0 for equal answers, 1 otherwise: for answers with no meaningful distance (datasets); its mean over pairs is the chance two answers differ.</summary>
public sealed class AnswerInequality : IAnswerDistance
{
    public static AnswerInequality Instance { get; } = new();

    public double Between(string first, string second) => string.Equals(first, second, StringComparison.Ordinal) ? 0 : 1;
}
