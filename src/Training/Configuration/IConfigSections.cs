namespace Rlvr.Training.Configuration;

/// <summary>A configuration class with blocks beyond its properties, keyed by name (a registered strategy's parameters), which the binder fills in.</summary>
internal interface IConfigSections
{
    IEnumerable<string> SectionKeys { get; }

    /// <summary>The block under <paramref name="key"/>, or null when there is none.</summary>
    object? Section(string key);
}
