using System.CommandLine;

namespace Rlvr.Cli;

/// <summary>--format of the export commands: csv (the default) or json, lowercase as everywhere in this tool.</summary>
internal static class ExportFormat
{
    public const string Csv = "csv";

    public const string Json = "json";

    public static Option<string> Create()
    {
        var format = new Option<string>("--format") { Description = "csv: one row per record; json: the API's records", DefaultValueFactory = _ => Csv };
        format.AcceptOnlyFromAmong(Csv, Json);
        return format;
    }

    public static Option<FileInfo?> CreateOutput() => new("--output", "-o") { Description = "File to write (default: standard output)" };
}
