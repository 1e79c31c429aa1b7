namespace Rlvr.Cli;

/// <summary>--output of the export commands: a file, or standard output when none is given.</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="content"/>; a missing directory is a user error naming it (nothing is created).</summary>
    public static async Task WriteAsync(FileInfo? file, string content, CancellationToken cancellation)
    {
        if (file is null)
        {
            await Console.Out.WriteAsync(content);
            return;
        }
        if (file.Directory is { Exists: false } directory)
        {
            throw new DirectoryNotFoundException($"--output: directory not found: {directory.FullName}");
        }
        await File.WriteAllTextAsync(file.FullName, content, cancellation);
    }
}
