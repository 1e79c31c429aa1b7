namespace Rlvr.Grains.Hosting;

/// <summary>
/// Where learners may run when the cluster has no GPU silo: on a CPU silo (with a warning when the silo is one of a
/// cluster: alone, it has no other choice to warn about), or, when <see cref="RequireGpu"/>, nowhere.
/// </summary>
public sealed record LearnerPlacementOptions(bool RequireGpu, bool Clustered);
