using System.Globalization;

namespace Rlvr.Cli;

/// <summary>The one line that reports a dataset sent to a silo, repeated records merged included.</summary>
internal static class DatasetSummary
{
    public static string Describe(string path, long bytes, int records, int mergedRepeats, string sha256)
    {
        var merged = mergedRepeats > 0 ? $", {mergedRepeats:N0} repeated lines merged into their first occurrence" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"dataset {path}: {records:N0} records, {bytes / 1024.0:F1} KiB{merged}; snapshot sha256 {sha256[..12]}");
    }
}
