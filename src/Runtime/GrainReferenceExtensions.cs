using Rlvr.Runtime.Calls;

namespace Rlvr.Runtime;

/// <summary>Identity of a grain reference obtained from <see cref="IGrainFactory"/>.</summary>
public static class GrainReferenceExtensions
{
    /// <summary>The id of the grain <paramref name="grain"/> refers to.</summary>
    public static GrainId GetGrainId(this IGrain grain) => grain switch
    {
        GrainReference reference => reference.GrainId,
        Grain activation => activation.GrainId,
        null => throw new ArgumentNullException(nameof(grain)),
        _ => throw new ArgumentException($"{grain.GetType()} is neither a grain reference nor a grain.", nameof(grain)),
    };
}
