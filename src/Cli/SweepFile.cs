using Rlvr.Training.Sweeps;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rlvr.Cli;

/// <summary>
/// A sweep file read on the user's machine: its file references (the base, strategy fragments) resolved relative to it
/// and inlined, the campaigns expanded and checked here (errors name this file, its lines and fields), and the
/// self-contained spec the silo is sent (a silo opens no path a request names).
/// </summary>
internal sealed record SweepFile(string Id, string Spec)
{
    /// <summary>Throws <see cref="SweepSpecException"/> naming the file and what is wrong in it.</summary>
    public static SweepFile Read(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var spec = SweepSpec.Parse(File.ReadAllText(path), path, reference => Load(Path.GetFullPath(Path.Combine(directory, reference))));
        var id = spec.Id ?? Path.GetFileNameWithoutExtension(path);
        // Expanded here only to check it, so that its errors name this file; the silo expands it again.
        SweepPlan.Expand(spec, id, path);
        return new SweepFile(id, spec.ToYaml());
    }

    private static YamlMappingNode Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"file not found: {path}");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}: YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode mapping
            ? mapping
            : throw new InvalidDataException($"{path}: expected a mapping of configuration keys");
    }
}
