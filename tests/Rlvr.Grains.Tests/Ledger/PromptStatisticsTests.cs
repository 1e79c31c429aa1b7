using Rlvr.Grains.Contracts;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Tests.Ledger;

public sealed class PromptStatisticsTests
{
    private static readonly TaskPrompt Prompt = new("d#a", "d", "1+1=", "2", "numeric");

    [Fact]
    public void ObservationsAddUpAndTheHistoryKeepsTheLastSteps()
    {
        var statistics = new PromptStatistics();
        for (long step = 1; step <= PromptStatistics.HistoryLength + 6; step++)
        {
            statistics = statistics.Observe(new PromptObservation(Prompt, step, step - 1, Groups: 2, Rollouts: 8, RewardSum: step % 2 == 0 ? 8 : 2));
        }

        Assert.Equal(Prompt, statistics.Prompt);
        Assert.Equal(2 * (PromptStatistics.HistoryLength + 6), statistics.Attempts);
        Assert.Equal(8 * (PromptStatistics.HistoryLength + 6), statistics.Rollouts);
        Assert.Equal(0.625, statistics.PassRate);
        Assert.Equal(PromptStatistics.HistoryLength + 6, statistics.LastSampledStep);
        Assert.Equal(PromptStatistics.HistoryLength, statistics.History.Count);
        Assert.Equal(new PassRateEntry(7, 6, 2, 8, 0.25), statistics.History[0]);
        Assert.Equal(new PassRateEntry(PromptStatistics.HistoryLength + 6, PromptStatistics.HistoryLength + 5, 2, 8, 1.0), statistics.History[^1]);
    }

    [Fact]
    public void AStepAlreadyObservedIsNotCountedAgain()
    {
        var observation = new PromptObservation(Prompt, 3, 2, Groups: 1, Rollouts: 4, RewardSum: 1);
        var once = new PromptStatistics().Observe(observation);

        Assert.Same(once, once.Observe(observation));
        Assert.Same(once, once.Observe(observation with { Step = 2 }));
        Assert.Equal(1, once.Attempts);
        Assert.Equal(0.25, Assert.Single(once.History).PassRate);
    }
}
