using Microsoft.Playwright;
using Rlvr.Client;
using Rlvr.Client.Contracts;
using Rlvr.Integration.Tests.Api;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>
/// A silo that requires a token (on loopback), a DOTS campaign run to completion on it, and Debian's chromium driven by
/// Playwright. Screenshots go to artifacts/dashboard/ at the repository root.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Token = "dashboard-test-token";

    public const string Done = "dots-done";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "rlvr-dashboard-" + Guid.NewGuid().ToString("N"));

    public static string Screenshots { get; } = Path.Combine(Storage.Tests.Fixtures.RepositoryRoot.Find(), "artifacts", "dashboard");

    internal SiloProcess Silo { get; private set; } = null!;

    internal RlvrClient Client { get; private set; } = null!;

    private IPlaywright _playwright = null!;

    internal IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// The tiny campaign under DOTS (reference rollouts every other step), warm-started long enough (a few seconds) to
    /// solve some one-digit sums, so that difficulties differ and the scatter and its correlation have points.
    /// </summary>
    public static string DotsCampaign { get; } = ApiCampaigns.With(
        "  name: dump", "  name: dots\n  dots:\n    reference_interval: 2\n    reference_size: 8",
        ApiCampaigns.With("  steps: 3\n  levels: [addition/1]\n  batch_size: 8", "  steps: 300\n  levels: [addition/1]\n  batch_size: 32"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Screenshots);
        Silo = await SiloProcess.Start(Path.Combine(Root, "data"), environment: new Dictionary<string, string>
        {
            ["RLVR_Api__Token"] = Token,
        });
        Client = Silo.CreateClient(Token);
        await Client.CreateCampaignAsync(new CreateCampaignRequest(Done, DotsCampaign));
        var done = await Poll.Campaign(Client, Done, c => c.Status is not ("Creating" or "Created" or "Running"));
        Assert.True(done.Status == "Completed", $"the dashboard's campaign ended {done.Status}: {done.Error}\n{Silo.Output}");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI containers; the page is our own.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A page on the dashboard whose session already holds the token, with its console errors collected.</summary>
    internal async Task<DashboardPage> OpenAsync(string hash = "", bool withToken = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1400, Height = 1000 } });
        if (withToken)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('rlvr.token', '{Token}');");
        }
        var page = await context.NewPageAsync();
        var opened = new DashboardPage(context, page);
        await page.GotoAsync(new Uri(Silo.BaseAddress, "dashboard/" + hash).ToString());
        return opened;
    }

    /// <summary>Debian's chromium (infra/setup.sh --with-chromium), or RLVR_CHROMIUM.</summary>
    private static string Chromium
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("RLVR_CHROMIUM") ?? "/usr/bin/chromium";
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"chromium not found at {path}: run infra/setup.sh --with-chromium.");
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Client?.Dispose();
        Silo?.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
