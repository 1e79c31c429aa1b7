namespace Rlvr.Grains.Contracts;

/// <summary>
/// The campaign stopped waiting for its external trainer (a pause or a stop): the step it was in is left to the restore
/// that resuming begins with, which replays what the trainer reported.
/// </summary>
[GenerateSerializer, Alias("rlvr.TrainerInterruptedException")]
public sealed class TrainerInterruptedException(string message) : Exception(message);
