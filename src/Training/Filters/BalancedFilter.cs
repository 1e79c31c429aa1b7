using Rlvr.Training.Grpo;

namespace Rlvr.Training.Filters;

/// <summary>Balanced online difficulty filtering (Bae et al.): keep iff low &lt;= p &lt;= high.</summary>
public sealed class BalancedFilter : IGroupFilter
{
    public const string FilterName = "balanced";

    public BalancedFilter(double low, double high)
    {
        if (!(low >= 0 && low <= high && high <= 1))
        {
            throw new ArgumentException($"need 0 <= low <= high <= 1, got low {low}, high {high}.");
        }
        (Low, High) = (low, high);
    }

    public double Low { get; }

    public double High { get; }

    public string Name => FilterName;

    public GroupVerdict Judge(RolloutGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var p = group.PassRate;
        return p < Low ? GroupVerdict.TooHard : p > High ? GroupVerdict.TooEasy : GroupVerdict.Kept;
    }
}
