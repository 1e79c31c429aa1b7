namespace Rlvr.Runtime.Activations;

/// <summary>How a turn may overlap with the other turns of its activation.</summary>
internal enum TurnKind
{
    /// <summary>Runs alone.</summary>
    Exclusive,

    /// <summary>Overlaps with other read-only turns only.</summary>
    ReadOnly,

    /// <summary>Overlaps with anything (reentrant grain or always-interleave method).</summary>
    Interleave,
}
