namespace Rlvr.Runtime.Tests.Grains;

public interface IHangingActivationGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

/// <summary>Its first activation never finishes OnActivateAsync (unless cancelled); later ones activate at once.</summary>
public sealed class HangingActivationGrain(Probe probe) : Grain, IHangingActivationGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activating");
        if (probe.Count("activating") == 1)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }

    public Task<string> Ping() => Task.FromResult("pong");
}
