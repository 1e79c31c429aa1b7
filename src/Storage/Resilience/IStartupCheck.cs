namespace Rlvr.Storage.Resilience;

/// <summary>A store that can prove at start-up that it is reachable and takes writes.</summary>
public interface IStartupCheck
{
    /// <summary>Throws <see cref="StorageUnavailableException"/>, naming the backend and its setting, when it is not usable.</summary>
    Task EnsureWritableAsync(CancellationToken cancellationToken);
}
