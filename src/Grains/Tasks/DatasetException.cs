using Orleans;

namespace Rlvr.Grains.Tasks;

/// <summary>A dataset line that cannot be used; the message names the file, the line and the field.</summary>
[GenerateSerializer]
public sealed class DatasetException : Exception
{
    public DatasetException(string file, int line, string? field, string problem)
        : base(field is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: field '{field}': {problem}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    [Id(0)]
    public string File { get; }

    [Id(1)]
    public int Line { get; }

    [Id(2)]
    public string? Field { get; }
}
