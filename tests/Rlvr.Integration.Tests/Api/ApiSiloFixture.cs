using Rlvr.Api.Contracts;
using Rlvr.Client;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// One `rlvr silo` for the API tests that can share it (a 64 KiB body limit from RLVR_Api__MaxRequestBodyBytes, 256 KiB for datasets, no
/// token on loopback), with the tiny campaign <see cref="Done"/> already run to completion for the read-only endpoints.
/// </summary>
public sealed class ApiSiloFixture : IAsyncLifetime
{
    public const string Done = "done";

    public const int MaxRequestBodyBytes = 64 * 1024;

    public const int MaxDatasetBytes = 256 * 1024;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-api-" + Guid.NewGuid().ToString("N"));

    /// <summary>Before the silo process started: its reported start time must not be earlier.</summary>
    public DateTimeOffset StartedAfter { get; private set; }

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        StartedAfter = DateTimeOffset.UtcNow;
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"), environment: new Dictionary<string, string>
        {
            ["RLVR_Api__MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RLVR_Api__MaxDatasetBytes"] = MaxDatasetBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RLVR_Api__OrleansDashboard"] = "true",
        });
        Client = Silo.CreateClient();
        await Client.CreateCampaignAsync(new CreateCampaignRequest(Done, ApiCampaigns.Tiny));
        var done = await Poll.Campaign(Client, Done, c => c.Status is not ("Creating" or "Created" or "Running"));
        Assert.True(done.Status == "Completed", $"the shared campaign ended {done.Status}: {done.Error}\n{Silo.Output}");
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
