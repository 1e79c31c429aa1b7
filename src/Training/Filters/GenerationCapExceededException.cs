using Orleans;

namespace Rlvr.Training.Filters;

/// <summary>A step could not fill its batch with groups that pass the filter within the allowed generation rounds.</summary>
[GenerateSerializer, Alias("rlvr.GenerationCapExceededException")]
public sealed class GenerationCapExceededException(string message) : Exception(message);
