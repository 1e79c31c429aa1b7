namespace Rlvr.Runtime;

/// <summary>Marker for grain interfaces: every method returns <see cref="Task"/> or <see cref="Task{TResult}"/>.</summary>
#pragma warning disable CA1040 // a marker interface, as in Orleans
public interface IGrain;
#pragma warning restore CA1040
