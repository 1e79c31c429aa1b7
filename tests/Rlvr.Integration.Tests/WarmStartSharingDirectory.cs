namespace Rlvr.Integration.Tests;

/// <summary>Data directories of the crash tests' runs: fresh ones under a root, all sharing the root's warm-start cache.</summary>
internal static class WarmStartSharingDirectory
{
    public static string Create(string root, string name)
    {
        var data = Path.Combine(root, name);
        Directory.CreateDirectory(data);
        Directory.CreateSymbolicLink(Path.Combine(data, "warm-start"), Path.Combine(root, "warm-start"));
        return data;
    }
}
