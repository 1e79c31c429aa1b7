using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rlvr.Cli;

/// <summary>
/// --watch: a view refreshed until what it shows has ended or Ctrl+C. On a terminal the view is redrawn in place; into
/// a pipe or a file (or with NO_COLOR) each change is written once as a plain snapshot under a time line, and with
/// --json as one JSON line, so that a log holds no cursor codes and no repeats.
/// </summary>
internal static class Watch
{
    public static async Task<T> Follow<T>(
        T first, Func<CancellationToken, Task<T>> fetch, Func<T, IRenderable> render, Func<T, bool> ended, TimeSpan period, bool json,
        CancellationToken cancellation)
    {
        var current = first;
        if (CliConsole.Interactive && !json)
        {
            await AnsiConsole.Live(render(current)).StartAsync(async live =>
            {
                while (!ended(current) && await Next())
                {
                    live.UpdateTarget(render(current));
                }
            });
            return current;
        }
        var last = "";
        while (true)
        {
            var snapshot = json ? JsonOutput.Line(current) : Plain(render(current));
            if (snapshot != last)
            {
                if (!json)
                {
                    Console.Out.WriteLine($"--- {DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} ---");
                }
                await Console.Out.WriteAsync(json ? snapshot + Environment.NewLine : snapshot);
                await Console.Out.FlushAsync(cancellation);
                last = snapshot;
            }
            if (ended(current) || !await Next())
            {
                return current;
            }
        }

        // False once Ctrl+C asked to leave.
        async Task<bool> Next()
        {
            try
            {
                await Task.Delay(period, cancellation);
                current = await fetch(cancellation);
                return true;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>The view as plain text, as wide as the console allows.</summary>
    private static string Plain(IRenderable view)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = AnsiConsole.Profile.Width;
        console.Write(view);
        return writer.ToString();
    }
}
