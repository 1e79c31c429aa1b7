namespace Rlvr.Grains.Hosting;

/// <summary>
/// The data directory of this silo (`--data-dir`, Storage:DataDirectory), as an absolute path: where its warm-start
/// cache lives. Taken from the silo's own configuration, never from stored state, so that a data directory may be moved
/// or restored elsewhere and every silo of a cluster may have its own.
/// </summary>
public sealed record SiloDataDirectory(string Path);
