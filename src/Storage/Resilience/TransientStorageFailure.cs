using Azure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Storage;
using Polly.Timeout;

namespace Rlvr.Storage.Resilience;

/// <summary>Which storage failures are worth retrying.</summary>
public static class TransientStorageFailure
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// SQLite busy/locked, Npgsql's own transient classification (connection loss, I/O, timeouts, serialization
    /// failures, server shutdown), Azure Storage's unanswered, throttled and server-failed requests, file I/O errors, and timeouts. Conflicts (<see cref="InconsistentStateException"/>) never are.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        InconsistentStateException => false,
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked,
        NpgsqlException npgsql => npgsql.IsTransient,
        // Azure Storage: no answer at all (status 0), timeouts, throttling and server-side failures.
        RequestFailedException azure => azure.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504,
        TimeoutRejectedException or TimeoutException => true,
        // A local or mounted checkpoint directory: a full disk may be freed, a network mount may come back.
        IOException => true,
        _ => false,
    };
}
