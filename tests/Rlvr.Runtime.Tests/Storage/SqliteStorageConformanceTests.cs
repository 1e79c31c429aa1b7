using Microsoft.Data.Sqlite;
using Rlvr.Runtime.Reminders;
using Rlvr.Runtime.Storage;
using Rlvr.Runtime.Storage.Sqlite;

namespace Rlvr.Runtime.Tests.Storage;

/// <summary>Each test gets its own database file in a temporary directory.</summary>
public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rlvr-sqlite-").FullName;

    private SqliteStorageOptions Options => new() { DatabasePath = Path.Combine(_directory, "grains.db") };

    protected override IGrainStorage OpenGrainStorage() => new SqliteGrainStorage(Options);

    protected override IReminderTable OpenReminderTable() => new SqliteReminderTable(Options);

    protected override void ForgetProcessState() => SqliteConnection.ClearAllPools();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
