namespace Rlvr.Storage.Resilience;

/// <summary>
/// A store could not be reached or refused a write when the silo started: the message names the backend, the setting
/// that points at it and the cause, so that a misconfigured silo stops with an error one can act on.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string backend, string setting, Exception innerException)
        : base($"{backend} is not usable ({setting}): {innerException?.Message}", innerException)
    {
        Backend = backend;
        Setting = setting;
    }

    public StorageUnavailableException() { }

    public StorageUnavailableException(string message) : base(message) { }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    public string? Backend { get; }

    public string? Setting { get; }
}
