namespace Rlvr.Grains.Contracts;

/// <summary>A report that does not fit its lease (400), naming the field at fault.</summary>
[GenerateSerializer, Alias("rlvr.TrainerReportException")]
public sealed class TrainerReportException(string field, string message) : Exception(message)
{
    [Id(0)]
    public string Field { get; } = field;
}
