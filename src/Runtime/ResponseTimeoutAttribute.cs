namespace Rlvr.Runtime;

/// <summary>On a grain interface method: overrides <see cref="Hosting.SiloOptions.CallTimeout"/> for that method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>Parsed from the constant form "hh:mm:ss".</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}
