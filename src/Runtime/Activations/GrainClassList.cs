namespace Rlvr.Runtime.Activations;

/// <summary>The grain classes added through the silo builder, before validation.</summary>
internal sealed class GrainClassList : List<Type>;
