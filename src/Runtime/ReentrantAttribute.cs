namespace Rlvr.Runtime;

/// <summary>
/// On a grain class: every call may interleave with every other at await points (still one thread at a time),
/// and call cycles back into the grain are allowed.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ReentrantAttribute : Attribute;
