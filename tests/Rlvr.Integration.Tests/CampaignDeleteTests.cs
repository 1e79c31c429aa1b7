using Microsoft.Data.Sqlite;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests;

/// <summary>
/// `rlvr campaign delete` against a real silo (SQLite storage): a running campaign is refused; a halted one goes with
/// its grain state, logs, checkpoints and registry entry, and its id can be created again with another configuration.
/// Creating it runs `rlvr campaign create --watch` into a pipe, which follows it in plain snapshots to its end.
/// </summary>
public sealed class CampaignDeleteTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly string _root = Directory.CreateTempSubdirectory("rlvr-delete-").FullName;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_root, "tiny.yaml"), ApiCampaigns.Tiny);
        File.WriteAllText(Path.Combine(_root, "other.yaml"), ApiCampaigns.WithSeed(12));
        _silo = await SiloProcess.Start(Path.Combine(_root, "data"));
    }

    public Task DisposeAsync()
    {
        _silo.Dispose();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AHaltedCampaignIsDeletedWithItsDataAndARunningOneIsRefused()
    {
        var created = await Rlvr(0, "campaign", "create", Path.Combine(_root, "tiny.yaml"), "--id", "gone", "--watch");
        Assert.DoesNotContain('\u001b', created);
        Assert.Contains("gone: Completed, step 6/6", created, StringComparison.Ordinal);
        Assert.True(created.Split('\n').Count(l => l.StartsWith("--- ", StringComparison.Ordinal)) >= 2, created);
        Assert.True(Directory.Exists(Path.Combine(_silo.DataDirectory, "gone")));
        Assert.True(Directory.Exists(Path.Combine(_silo.DataDirectory, "checkpoints", "gone")));
        Assert.True(PublishedFiles("gone") > 0);
        Assert.True(StoredRows("gone") > 0);

        await Rlvr(0, "campaign", "create", Path.Combine(_root, "tiny.yaml"), "--id", "long", "--steps", "100000");
        var refused = await Rlvr(2, "campaign", "delete", "long");
        var deleted = await Rlvr(0, "campaign", "delete", "gone");

        Assert.Contains("409 Conflict: campaign 'long': cannot delete a Running campaign: pause or stop it first", refused, StringComparison.Ordinal);
        Assert.Equal("Running", (await _silo.CreateClient().GetCampaignAsync("long")).Status);
        Assert.Contains("gone: deleted", deleted, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", await Rlvr(2, "campaign", "show", "gone"), StringComparison.Ordinal);
        Assert.DoesNotContain("gone", await Rlvr(0, "campaign", "list"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_silo.DataDirectory, "gone")));
        Assert.False(Directory.Exists(Path.Combine(_silo.DataDirectory, "checkpoints", "gone")));
        Assert.Equal(0, PublishedFiles("gone"));
        Assert.Equal(0, StoredRows("gone"));

        // Stopped, the long one can go too; the deleted id takes another configuration (a leftover would be a 409).
        await Rlvr(0, "campaign", "stop", "long");
        await Rlvr(0, "campaign", "delete", "long");
        Assert.Equal(0, StoredRows("long"));
        var again = await Rlvr(0, "campaign", "create", Path.Combine(_root, "other.yaml"), "--id", "gone", "--watch");
        Assert.Contains("gone: Completed, step 6/6", again, StringComparison.Ordinal);
        Assert.Equal(6, (await _silo.CreateClient().GetMetricsAsync("gone")).Count);
    }

    private async Task<string> Rlvr(int exit, params string[] arguments)
    {
        using var rlvr = RlvrProcess.StartCli([.. arguments, "--server", _silo.BaseAddress.ToString()], new Dictionary<string, string>());
        var code = await rlvr.WaitForExit(Timeout);
        Assert.True(code == exit, $"rlvr {string.Join(' ', arguments)} exited {code}, not {exit}:\n{rlvr.Output}");
        return rlvr.Output;
    }

    /// <summary>Grain state and reminder rows of the campaign (its grains are keyed by its id, or by id/prompt and id/step).</summary>
    private long StoredRows(string id)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_silo.DataDirectory, "rlvr.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM rlvr_grain_state WHERE grain_key = $id OR grain_key LIKE $prefix OR json LIKE $quoted)
                 + (SELECT count(*) FROM rlvr_orleans_reminders WHERE grain_key = $id)
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$prefix", id + "/%");
        command.Parameters.AddWithValue("$quoted", $"%\"{id}\"%");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Files of the campaign's published policy versions (its learner's publication collections).</summary>
    private int PublishedFiles(string campaign)
    {
        var checkpoints = Path.Combine(_silo.DataDirectory, "checkpoints");
        return Directory.EnumerateDirectories(checkpoints, $"_weights.{campaign}.*")
            .Sum(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Count());
    }
}
