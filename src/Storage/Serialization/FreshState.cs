namespace Rlvr.Storage.Serialization;

/// <summary>
/// What a grain state becomes when no record is stored: a new default instance when the type has a parameterless
/// constructor, otherwise the instance Orleans supplied (a positional record, say, cannot be made from nothing).
/// </summary>
internal static class FreshState<T>
{
    private static readonly bool CanCreate = typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null;

    public static T? Create(T? current) => CanCreate ? Activator.CreateInstance<T>() : current;
}
