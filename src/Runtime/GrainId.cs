namespace Rlvr.Runtime;

/// <summary>Identity of a grain: its type name and its string key. One activation per id.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
