namespace Rlvr.Storage.Resilience;

/// <summary>How the retry decorator retries transient storage failures. Bindable from configuration.</summary>
public sealed class StorageRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Upper bound of any single retry delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time one attempt may take before it is abandoned; a write abandoned this way has an unknown outcome
    /// and is re-read before it is retried.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
