namespace Rlvr.Training.Curriculum;

/// <summary>DUMP parameters (docs/algorithms.md, DUMP): window k, exploration weight c, softmax temperature tau.</summary>
public sealed record DumpOptions(int WindowSize = 300, double Exploration = 1.0, double Temperature = 0.1);
