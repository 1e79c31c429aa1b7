namespace Rlvr.Runtime.Tests.Grains;

public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="next"/>.Relay with the rest of the chain, or sleeps when none is left.</summary>
    Task<string> Relay(IChainGrain[] rest, int sleepMilliseconds);

    [AlwaysInterleave]
    Task<string> Echo(string text);

    /// <summary>Calls <paramref name="other"/>, which calls back into this grain's <see cref="Echo"/>.</summary>
    Task<string> CallBackThroughEcho(IChainGrain other);

    Task<string> CallEcho(IChainGrain target, string text);

    Task Fail(string message);

    [ResponseTimeout("00:00:00.3")]
    Task Sleep(int milliseconds);

    /// <summary>Calls <paramref name="target"/>.Sleep and returns the timeout's message.</summary>
    Task<string> SleepThrough(IChainGrain target, int milliseconds);
}

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<string> Relay(IChainGrain[] rest, int sleepMilliseconds)
    {
        if (rest.Length == 0)
        {
            await Task.Delay(sleepMilliseconds);
            return GetPrimaryKeyString();
        }
        return GetPrimaryKeyString() + ">" + await rest[0].Relay(rest[1..], sleepMilliseconds);
    }

    public Task<string> Echo(string text) => Task.FromResult($"{GetPrimaryKeyString()}:{text}");

    public Task<string> CallBackThroughEcho(IChainGrain other) => other.CallEcho(GrainFactory.GetGrain<IChainGrain>(GetPrimaryKeyString()), "back");

    public Task<string> CallEcho(IChainGrain target, string text) => target.Echo(text);

    public Task Fail(string message) => throw new ChainFailureException(message);

    public Task Sleep(int milliseconds) => Task.Delay(milliseconds);

    public async Task<string> SleepThrough(IChainGrain target, int milliseconds)
    {
        try
        {
            await target.Sleep(milliseconds);
            return "no timeout";
        }
        catch (GrainCallTimeoutException timeout)
        {
            return timeout.Message;
        }
    }
}

public sealed class ChainFailureException : Exception
{
    public ChainFailureException() { }

    public ChainFailureException(string message) : base(message) { }

    public ChainFailureException(string message, Exception innerException) : base(message, innerException) { }
}
