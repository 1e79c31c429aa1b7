using System.Reflection;

namespace Rlvr.Runtime.Activations;

/// <summary>A registered grain class: its type name, scheduling attributes and how to construct it.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType, int defaultStatelessWorkers)
    {
        ClassType = classType;
        TypeName = classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? classType.Name;
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute));
        var statelessWorker = classType.GetCustomAttribute<StatelessWorkerAttribute>();
        MaxLocalWorkers = statelessWorker is null ? 0 : statelessWorker.MaxLocalWorkers ?? defaultStatelessWorkers;
        IsRemindable = typeof(IRemindable).IsAssignableFrom(classType);
        Activator = new GrainActivator(classType);
    }

    public Type ClassType { get; }

    /// <summary>The type part of the grain's id, storage keys and reminder keys.</summary>
    public string TypeName { get; }

    public bool IsReentrant { get; }

    public bool IsStatelessWorker => MaxLocalWorkers > 0;

    /// <summary>Activations per key for a stateless worker; 0 otherwise.</summary>
    public int MaxLocalWorkers { get; }

    public bool IsRemindable { get; }

    public GrainActivator Activator { get; }

    public override string ToString() => $"{TypeName} ({ClassType.FullName})";
}
