using Rlvr.Training.Tasks;

namespace Rlvr.Training.Curriculum;

/// <summary>
/// Each training prompt's position in the catalog's pool, so that strategies keep their per-prompt state in arrays
/// indexed by it (bounded by the pool, iterated in pool order, never in hash order).
/// </summary>
public sealed class PromptPositions
{
    private readonly Dictionary<string, int> _positions;

    public PromptPositions(TaskCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Pool = catalog.TrainingPrompts;
        _positions = new Dictionary<string, int>(Pool.Count, StringComparer.Ordinal);
        for (var i = 0; i < Pool.Count; i++)
        {
            _positions.TryAdd(Pool[i].Id, i);
        }
    }

    public IReadOnlyList<TaskPrompt> Pool { get; }

    public int Count => Pool.Count;

    /// <summary>The position of a prompt of the pool; -1 for an id the pool does not hold.</summary>
    public int Of(string promptId) => _positions.TryGetValue(promptId, out var position) ? position : -1;

    /// <summary>The position of a prompt named in a strategy's saved state, which must be one of the pool's.</summary>
    public int OfSaved(string promptId, string strategy) =>
        _positions.TryGetValue(promptId, out var position)
            ? position
            : throw new InvalidDataException($"{strategy}: the saved state names prompt '{promptId}', which is not in the campaign's training pool.");
}
