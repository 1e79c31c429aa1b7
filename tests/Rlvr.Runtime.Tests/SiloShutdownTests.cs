using Rlvr.Runtime.Tests.Grains;

namespace Rlvr.Runtime.Tests;

public sealed class SiloShutdownTests
{
    [Fact]
    public async Task WhileTheSiloShutsDownACallNeedingANewActivationFailsAndRunningTurnsFinish()
    {
        var silo = await SiloHarness.StartAsync();
        var running = silo.Grains.GetGrain<ITurnGrain>("long").Work(1500);
        await silo.Probe.WaitForAsync(p => p.MaxConcurrentTurns == 1, TimeSpan.FromSeconds(10));
        var stopping = silo.DisposeAsync().AsTask();

        // The running turn holds the shutdown open; once deactivation has begun, new activations are refused.
        SiloShuttingDownException? refused = null;
        for (var i = 0; refused is null && !stopping.IsCompleted; i++)
        {
            try
            {
                await silo.Grains.GetGrain<ICounterGrain>($"fresh-{i}").Read();
                await Task.Delay(5);
            }
            catch (SiloShuttingDownException e)
            {
                refused = e;
            }
        }
        Assert.NotNull(refused);
        Assert.Contains("fresh-", refused.Message, StringComparison.Ordinal);
        await running;
        await stopping;
    }
}
