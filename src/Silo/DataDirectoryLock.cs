namespace Rlvr.Silo;

/// <summary>
/// One silo per data directory: an exclusive lock on its rlvr.lock file, held for the process's life (the OS lets it go
/// when the process dies, kill -9 included). Two processes on one SQLite database and checkpoint directory would run the
/// same campaigns side by side and overwrite each other's state.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "rlvr.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            return new DataDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"the data directory {dataDirectory} is in use by another silo: one silo per data directory; use --data-dir to pick another.");
        }
    }

    public void Dispose() => _file.Dispose();
}
