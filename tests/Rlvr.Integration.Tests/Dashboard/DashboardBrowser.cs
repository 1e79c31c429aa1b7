using Microsoft.Playwright;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>
/// Debian's chromium (infra/setup.sh installs it for the tests; RLVR_CHROMIUM names another) driven by Playwright,
/// whose own browser download is not used. Screenshots go to artifacts/dashboard/ at the repository root.
/// </summary>
internal sealed class DashboardBrowser : IAsyncDisposable
{
    public static string Screenshots { get; } = Path.Combine(TestKit.RepositoryRoot.Find(), "artifacts", "dashboard");

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("RLVR_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"chromium not found at {chromium}: run infra/setup.sh with the tests' options (test.sh).");
        }
        Directory.CreateDirectory(Screenshots);
        var playwright = await Playwright.CreateAsync();
        // Root in CI containers: chromium's sandbox needs user namespaces there. The page is our own.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Args = ["--no-sandbox"] });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A page on the silo's dashboard at <paramref name="hash"/>, its session holding <paramref name="token"/> if given.</summary>
    public async Task<DashboardPage> OpenAsync(Uri silo, string hash = "", string? token = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1400, Height = 1000 } });
        if (token is not null)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('rlvr.token', '{token}');");
        }
        var page = await context.NewPageAsync();
        var opened = new DashboardPage(context, page);
        await page.GotoAsync(new Uri(silo, "dashboard/" + hash).ToString());
        return opened;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
