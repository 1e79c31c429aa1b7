using System.Globalization;

namespace Rlvr.Training.Strategies;

/// <summary>Collects configuration errors, each naming its field path, the rule and the value given.</summary>
public sealed class ConfigErrors(List<string> errors)
{
    public void Add(string path, string problem) => errors.Add($"{path}: {problem}");

    public void OneOf(string path, string? value, IReadOnlyList<string> known)
    {
        if (value is null || !known.Contains(value))
        {
            Add(path, $"unknown value '{value}'; known: {string.Join(", ", known)}");
        }
    }

    public void Positive(string path, double value)
    {
        if (!(value > 0))
        {
            Add(path, $"must be > 0, got {Format(value)}");
        }
    }

    public void NonNegative(string path, double value)
    {
        if (!(value >= 0))
        {
            Add(path, $"must be >= 0, got {Format(value)}");
        }
    }

    public void Closed01(string path, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            Add(path, $"must be in [0, 1], got {Format(value)}");
        }
    }

    public void Open01(string path, double value)
    {
        if (!(value > 0 && value < 1))
        {
            Add(path, $"must be in (0, 1), got {Format(value)}");
        }
    }

    /// <summary>In (0, 1]: a share that may be all but not none.</summary>
    public void HalfOpen01(string path, double value)
    {
        if (!(value > 0 && value <= 1))
        {
            Add(path, $"must be in (0, 1], got {Format(value)}");
        }
    }

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
