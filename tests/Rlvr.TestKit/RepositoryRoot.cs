namespace Rlvr.TestKit;

/// <summary>The checkout the tests run from, found by walking up to Rlvr.Orleans.sln.</summary>
public static class RepositoryRoot
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
