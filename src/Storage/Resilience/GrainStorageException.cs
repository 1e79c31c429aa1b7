namespace Rlvr.Storage.Resilience;

/// <summary>A storage operation failed for good: retries were exhausted or the failure was not transient.</summary>
public sealed class GrainStorageException : Exception
{
    public GrainStorageException(string providerName, string operation, string key, int attempts, Exception innerException)
        : base($"Storage provider '{providerName}' failed to {operation} '{key}' after {attempts} attempt(s): {innerException?.Message}", innerException)
    {
        ProviderName = providerName;
        Operation = operation;
        Key = key;
        Attempts = attempts;
    }

    public GrainStorageException() { }

    public GrainStorageException(string message) : base(message) { }

    public GrainStorageException(string message, Exception innerException) : base(message, innerException) { }

    public string? ProviderName { get; }
    public string? Operation { get; }
    public string? Key { get; }
    public int Attempts { get; }
}
