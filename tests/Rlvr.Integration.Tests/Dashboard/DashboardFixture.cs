using Rlvr.Api.Contracts;
using Rlvr.Client;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>
/// A silo that requires a token (on loopback), a DOTS campaign and a DUMP campaign that memorises its tiny pool, both
/// run to completion on it, and the browser.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Token = "dashboard-test-token";

    public const string Done = "dots-done";

    public const string Memorising = "memorising";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-dashboard-" + Guid.NewGuid().ToString("N"));

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    private DashboardBrowser? _browser;

    /// <summary>
    /// The tiny campaign under DOTS (reference rollouts every other step), warm-started long enough (a few seconds) to
    /// solve some one-digit sums, so that difficulties differ and the scatter and its correlation have points.
    /// </summary>
    public static string DotsCampaign { get; } = ApiCampaigns.With(
        "  name: dump", "  name: dots\n  dots:\n    reference_interval: 2\n    reference_size: 8",
        ApiCampaigns.With("  steps: 3\n  levels: [addition/1]\n  batch_size: 8", "  steps: 300\n  levels: [addition/1]\n  batch_size: 32"));

    /// <summary>
    /// The tiny DUMP campaign on four prompts of three-digit sums, warm-started on them alone until it knows their answers
    /// by heart: its training pass rate runs far above its held-out accuracy, whose sums it never saw.
    /// </summary>
    public static string MemorisingCampaign { get; } = ApiCampaigns.With("pool_size: 40", "pool_size: 4", ApiCampaigns.With(
        "levels: [1, 2]", "levels: [3]",
        ApiCampaigns.With("  steps: 3\n  levels: [addition/1]\n  batch_size: 8", "  steps: 300\n  levels: [addition/3]\n  batch_size: 16\n  lr: 0.003")));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"), environment: new Dictionary<string, string>
        {
            ["RLVR_Api__Token"] = Token,
        });
        Client = Silo.CreateClient(Token);
        await Client.CreateCampaignAsync(new CreateCampaignRequest(Done, DotsCampaign));
        await Client.CreateCampaignAsync(new CreateCampaignRequest(Memorising, MemorisingCampaign));
        foreach (var id in new[] { Done, Memorising })
        {
            var done = await Poll.Campaign(Client, id, c => c.Status is not ("Creating" or "Created" or "Running"));
            Assert.True(done.Status == "Completed", $"the dashboard's campaign {id} ended {done.Status}: {done.Error}\n{Silo.Output}");
        }

        _browser = await DashboardBrowser.LaunchAsync();
    }

    /// <summary>A page on the dashboard, its session holding the token unless asked not to.</summary>
    internal Task<DashboardPage> OpenAsync(string hash = "", bool withToken = true) =>
        _browser!.OpenAsync(Silo.BaseAddress, hash, withToken ? Token : null);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        Client?.Dispose();
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
