namespace Rlvr.Training.Sweeps;

/// <summary>
/// One axis of a sweep: its name (a configuration key by dotted path, <c>seed</c>, or any name for fragments) and its
/// values in the file's order, given as a list (labelled by their text) or as a mapping (labelled by their names).
/// </summary>
public sealed record SweepAxis(string Name, IReadOnlyList<SweepAxisValue> Values, bool Listed)
{
    public const string SeedName = "seed";

    public bool IsSeed => Name == SeedName;

    /// <summary>The part of an arm's name <paramref name="value"/> makes: its name, or for a listed value "key-value".</summary>
    public string ArmPart(SweepAxisValue value) =>
        Listed ? $"{Name[(Name.LastIndexOf('.') + 1)..]}-{value.Label}" : value.Label;
}
