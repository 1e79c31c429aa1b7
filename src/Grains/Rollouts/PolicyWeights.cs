using Rlvr.Torch;

namespace Rlvr.Grains.Rollouts;

/// <summary>A policy version's weights as a silo rebuilt them, with the learner's hash of them to check the import against.</summary>
public sealed record PolicyWeights(long Version, PolicyConfig Shape, byte[] Weights, string WeightsHash);
