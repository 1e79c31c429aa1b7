namespace Rlvr.Cluster.Benchmarks;

/// <summary>The checkout the benchmarks run from, found by walking up to Rlvr.Orleans.sln (for infra/ and .tools/).</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Rlvr.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Rlvr.Orleans.sln not found above {AppContext.BaseDirectory}.");
    }
}
