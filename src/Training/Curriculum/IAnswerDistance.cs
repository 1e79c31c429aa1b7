namespace Rlvr.Training.Curriculum;

/// <summary>How far apart two answers to the same prompt are, in [0, 1]: 0 the same answer, 1 nothing in common.</summary>
public interface IAnswerDistance
{
    double Between(string first, string second);
}
