using System.Text.Json;
using Microsoft.Playwright;

namespace Rlvr.Integration.Tests.Dashboard;

/// <summary>A browser page on the dashboard: the errors its console and scripts reported, and what its charts plot.</summary>
internal sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _errors = [];

    public DashboardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => Record($"script: {error}");
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The data chart <paramref name="name"/> plots: x values, then each series (null for a gap).</summary>
    public async Task<double?[][]> ChartData(string name)
    {
        var json = await Page.EvaluateAsync<string>($"JSON.stringify(window.rlvr.charts['{name}'].data)");
        return JsonSerializer.Deserialize<double?[][]>(json)!;
    }

    public Task Screenshot(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardBrowser.Screenshots, name + ".png"), FullPage = true });

    public ValueTask DisposeAsync() => _context.DisposeAsync();

    private void Record(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
