namespace Rlvr.Grains.Hosting;

/// <summary>A learner could not be placed: the cluster has no GPU silo and Silo:Learners requires one.</summary>
[GenerateSerializer, Alias("rlvr.GpuSiloRequiredException")]
public sealed class GpuSiloRequiredException(string message) : InvalidOperationException(message);
