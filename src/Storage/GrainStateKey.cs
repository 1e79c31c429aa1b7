namespace Rlvr.Storage;

/// <summary>Where one named state of one grain is stored: the grain's type and key as Orleans names them, and the state's name.</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    public override string ToString() => $"{GrainType}/{GrainKey}#{StateName}";
}
