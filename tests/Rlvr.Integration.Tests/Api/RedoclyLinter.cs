using System.Diagnostics;
using System.Text.Json;
using Rlvr.TestKit;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// `redocly lint` with the recommended ruleset: the Redocly CLI that infra/setup.sh --with-redocly installs into
/// .tools/redocly. No Redocly means the lint tests fail, loudly; they are never skipped.
/// </summary>
internal static class RedoclyLinter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The errors and warnings that the linter finds in <paramref name="document"/> (OpenAPI JSON).</summary>
    public static async Task<IReadOnlyList<RedoclyProblem>> LintAsync(string document)
    {
        var executable = Path.Combine(RepositoryRoot.Find(), ".tools", "redocly", "node_modules", ".bin", "redocly");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Redocly CLI not found at {executable}: run infra/setup.sh --with-redocly.");
        }
        var directory = Directory.CreateTempSubdirectory("rlvr-openapi-");
        try
        {
            var file = Path.Combine(directory.FullName, "openapi.json");
            await File.WriteAllTextAsync(file, document);
            // From a directory of its own, so that no redocly.yaml around changes the ruleset.
            var start = new ProcessStartInfo(executable, ["lint", file, "--extends", "recommended", "--format", "json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"{executable} did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(Timeout))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new TimeoutException($"redocly lint did not finish within {Timeout}: {await errors}");
                }
            }
            return Problems(await output, await errors);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static List<RedoclyProblem> Problems(string output, string errors)
    {
        try
        {
            using var json = JsonDocument.Parse(output);
            return json.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => new RedoclyProblem(
                    p.GetProperty("ruleId").GetString()!,
                    p.GetProperty("severity").GetString()!,
                    p.GetProperty("message").GetString()!,
                    p.GetProperty("location")[0].GetProperty("pointer").GetString()!))
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new InvalidOperationException(
                $"redocly lint did not report JSON ({e.Message}): {output}\n{errors}", e);
        }
    }
}
