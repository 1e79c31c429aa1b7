namespace Rlvr.Runtime.Tests.Grains;

public interface ITallyGrain : IGrainWithStringKey
{
    /// <summary>Adds one by a read, a pause and a write, with no await: two turns at once would lose updates.</summary>
    Task<int> Add();
}

public sealed class TallyGrain : Grain, ITallyGrain
{
    private int _value;

    public Task<int> Add()
    {
        var value = _value;
        Thread.SpinWait(200);
        _value = value + 1;
        return Task.FromResult(_value);
    }
}
