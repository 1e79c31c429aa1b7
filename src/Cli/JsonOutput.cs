using System.CommandLine;
using System.Text.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Cli;

/// <summary>--json of the commands that print data: the API's records, in the API's JSON (camelCase), for scripts.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    public static Option<bool> CreateOption() => new("--json") { Description = "Print JSON (the API's records) instead of text" };

    /// <summary>One indented document.</summary>
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One document on one line (JSON lines: --watch prints one per change).</summary>
    public static string Line<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
