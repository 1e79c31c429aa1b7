using Rlvr.Training.Configuration;
using Rlvr.Training.Replay;

namespace Rlvr.Training.Strategies;

/// <summary>A registered rollout-replay policy: its paper, the <c>replay.*</c> keys it reads, their validation, and the buffer it builds.</summary>
public abstract class ReplayPolicyDefinition
{
    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string Paper { get; }

    public abstract void Validate(ReplayConfig config, ConfigErrors errors);

    public abstract ReplayBuffer Create(ReplayConfig config);

    public ComponentInfo Describe() => new("replay", Name, Summary, Paper, ComponentParameter.Of(typeof(ReplayConfig), "replay"));
}
