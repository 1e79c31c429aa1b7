namespace Rlvr.Runtime;

/// <summary>
/// On a grain class: pins the grain type name (part of every storage and reminder key) so that renaming the class
/// does not orphan stored data. Without it the type name is the class name.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
