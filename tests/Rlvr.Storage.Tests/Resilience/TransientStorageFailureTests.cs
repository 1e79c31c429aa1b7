using Azure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;
using Polly.Timeout;
using Rlvr.Storage.Resilience;

namespace Rlvr.Storage.Tests.Resilience;

public sealed class TransientStorageFailureTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new SqliteException("database is locked", 5), true },
        { new SqliteException("database table is locked", 6), true },
        { new SqliteException("database is locked (snapshot)", 5 | (3 << 8)), true },
        { new SqliteException("UNIQUE constraint failed", 19), false },
        { new SqliteException("disk I/O error", 10), false },
        { new NpgsqlException("connection lost", new IOException("broken pipe")), true },
        { new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), true },
        { new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"), true },
        { new PostgresException("duplicate key value", "ERROR", "ERROR", "23505"), false },
        { new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01"), false },
        { new TimeoutException(), true },
        { new TimeoutRejectedException(), true },
        { new InconsistentStateException("conflict"), false },
        { new RequestFailedException(0, "connection refused"), true },
        { new RequestFailedException(503, "server busy"), true },
        { new RequestFailedException(429, "throttled"), true },
        { new RequestFailedException(412, "condition not met"), false },
        { new RequestFailedException(404, "not found"), false },
        { new InvalidOperationException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ClassifiesDatabaseFailures(Exception failure, bool transient) =>
        Assert.Equal(transient, TransientStorageFailure.IsTransient(failure));
}
