using Orleans;

namespace Rlvr.Training.Tasks;

/// <summary>What is wrong with one line of a dataset: the line number, the field (null for the line as a whole), the problem.</summary>
[GenerateSerializer, Immutable, Alias("rlvr.DatasetLineError")]
public sealed record DatasetLineError([property: Id(0)] int Line, [property: Id(1)] string? Field, [property: Id(2)] string Problem)
{
    public string Describe(string file) => Field is null ? $"{file}:{Line}: {Problem}" : $"{file}:{Line}: field '{Field}': {Problem}";
}
