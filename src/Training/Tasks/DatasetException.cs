using Orleans;

namespace Rlvr.Training.Tasks;

/// <summary>
/// A dataset that cannot be used: every bad line at once (the first <see cref="MaxListed"/>, then a count), each
/// naming the file, the line and the field.
/// </summary>
[GenerateSerializer, Alias("rlvr.DatasetException")]
public sealed class DatasetException : Exception
{
    public const int MaxListed = 20;

    public DatasetException(string file, IReadOnlyList<DatasetLineError> errors)
        : base(Describe(file, errors))
    {
        File = file;
        Errors = [.. errors.Take(MaxListed)];
        Count = errors.Count;
    }

    public DatasetException(string file, int line, string? field, string problem)
        : this(file, [new DatasetLineError(line, field, problem)])
    {
    }

    [Id(0)]
    public string File { get; }

    /// <summary>The first <see cref="MaxListed"/> bad lines.</summary>
    [Id(1)]
    public IReadOnlyList<DatasetLineError> Errors { get; }

    /// <summary>How many lines are bad in all.</summary>
    [Id(2)]
    public int Count { get; }

    /// <summary>The first bad line.</summary>
    public int Line => Errors[0].Line;

    private static string Describe(string file, IReadOnlyList<DatasetLineError> errors)
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        if (errors.Count == 1)
        {
            return errors[0].Describe(file);
        }
        var listed = string.Join("\n", errors.Take(MaxListed).Select(e => "  " + e.Describe(file)));
        var more = errors.Count > MaxListed ? $"\n  ... and {errors.Count - MaxListed} more" : "";
        return $"{file}: {errors.Count} bad lines:\n{listed}{more}";
    }
}
