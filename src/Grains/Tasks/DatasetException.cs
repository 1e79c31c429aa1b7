namespace Rlvr.Grains.Tasks;

/// <summary>A dataset line that cannot be used; the message names the file, the line and the field.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string file, int line, string? field, string problem)
        : base(field is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: field '{field}': {problem}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    public string File { get; }

    public int Line { get; }

    public string? Field { get; }
}
