namespace Rlvr.Runtime.Tests.Grains;

public interface IAmbientGrain : IGrainWithStringKey
{
    /// <summary>The value of <see cref="AmbientGrain.Ambient"/> the turn sees.</summary>
    Task<string?> ReadAmbient();
}

public sealed class AmbientGrain : Grain, IAmbientGrain
{
    /// <summary>An AsyncLocal a caller sets; grain turns must not inherit the caller's execution context.</summary>
    public static readonly AsyncLocal<string?> Ambient = new();

    public Task<string?> ReadAmbient() => Task.FromResult(Ambient.Value);
}
