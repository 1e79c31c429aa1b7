using YamlDotNet.RepresentationModel;

namespace Rlvr.Training.Sweeps;

/// <summary>
/// A value of an axis: its label (the name it has in campaign ids), and either a fragment of configuration that is
/// deep-merged into the base (<see cref="IsFragment"/>) or a value set at the axis's dotted path.
/// </summary>
public sealed record SweepAxisValue(string Label, YamlNode Node, bool IsFragment);
