namespace Rlvr.Runtime.Storage;

/// <summary>Where one named state of one grain is stored. The grain type is part of the key.</summary>
public readonly record struct GrainStateKey(GrainId Grain, string StateName)
{
    public override string ToString() => $"{Grain}#{StateName}";
}
