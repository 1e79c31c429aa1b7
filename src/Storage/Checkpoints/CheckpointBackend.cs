namespace Rlvr.Storage.Checkpoints;

/// <summary>The registered checkpoint store itself, without the retry decorator: what the start-up check probes.</summary>
internal sealed record CheckpointBackend(ICheckpointStore Store);
