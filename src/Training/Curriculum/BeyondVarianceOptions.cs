namespace Rlvr.Training.Curriculum;

/// <summary>
/// Beyond Variance's settings: q+ is a prompt with 0 &lt; p^ &lt;= <paramref name="PPlusMax"/>, q- one with
/// <paramref name="PMinusMin"/> &lt;= p^ &lt; 1; Weighted GRPO multiplies q+'s success advantages by lambda+ and q-'s
/// failure advantages by lambda-; each slot is an exploration draw with probability <paramref name="Exploration"/>.
/// </summary>
public sealed record BeyondVarianceOptions(
    double PPlusMax = 0.25, double PMinusMin = 0.75, double LambdaPlus = 2.0, double LambdaMinus = 2.0, double Exploration = 0.25);
