namespace Rlvr.Training.Tasks;

/// <summary>The built-in task families by name, and distribution names ("family/level").</summary>
public static class TaskFamilies
{
    private static readonly ITaskFamily[] All = [new AdditionFamily(), new KnightsFamily(), new SortingFamily()];

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToList();

    public static bool TryGet(string name, out ITaskFamily family)
    {
        family = All.FirstOrDefault(f => f.Name == name)!;
        return family is not null;
    }

    public static ITaskFamily Get(string name) =>
        TryGet(name, out var family)
            ? family
            : throw new KeyNotFoundException($"unknown task family '{name}'; known: {string.Join(", ", Names)}.");

    public static string DistributionName(string family, int level) => $"{family}/{level}";

    internal static void CheckLevel(ITaskFamily family, int level)
    {
        if (level < family.MinLevel || level > family.MaxLevel)
        {
            throw new ArgumentOutOfRangeException(
                nameof(level), level, $"{family.Name} levels are {family.MinLevel}..{family.MaxLevel}.");
        }
    }
}
