namespace Rlvr.Grains.Curriculum;

/// <summary>The scheduler's share of a checkpoint: the last step it observed and its selector and accumulator states.</summary>
public sealed record CurriculumCheckpointRecord(long Step, string Selector, string Accumulator);
