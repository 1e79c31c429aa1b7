namespace Rlvr.Runtime;

/// <summary>A silo of the cluster; in single-silo mode there is only the local one.</summary>
public sealed record SiloAddress(string Name)
{
    public override string ToString() => Name;
}
