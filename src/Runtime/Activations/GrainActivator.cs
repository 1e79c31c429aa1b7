using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Rlvr.Runtime.Storage;

namespace Rlvr.Runtime.Activations;

/// <summary>
/// Creates instances of one grain class: the public constructor with the most parameters, each parameter either an
/// <see cref="IPersistentState{TState}"/> named by <see cref="PersistentStateAttribute"/> or a silo service.
/// </summary>
internal sealed class GrainActivator(Type classType)
{
    private static readonly MethodInfo CreateStateOfT = typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Lazy<ConstructorInfo> _constructor = new(() => classType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
        ?? throw new InvalidOperationException($"Grain class {classType.FullName} has no public constructor."));

    /// <summary>Constructs the grain for <paramref name="activation"/>; its persistent states are returned unloaded.</summary>
    public Grain Create(Activation activation, out IReadOnlyList<IPersistentStateLoader> states)
    {
        var constructor = _constructor.Value;
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        var loaders = new List<IPersistentStateLoader>();
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = Resolve(parameters[i], activation, loaders);
        }
        Grain.Constructing = activation;
        try
        {
            states = loaders;
            return (Grain)constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
        }
        finally
        {
            Grain.Constructing = null;
        }
    }

    private object Resolve(ParameterInfo parameter, Activation activation, List<IPersistentStateLoader> loaders)
    {
        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is null)
        {
            return activation.Services.GetService(parameter.ParameterType) ?? throw new InvalidOperationException(
                $"Cannot construct grain class {classType.FullName}: constructor parameter '{parameter.Name}' of type {parameter.ParameterType} "
                + "is not a registered service (register it, or mark a persistent state with [PersistentState]).");
        }
        var type = parameter.ParameterType;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
        {
            throw new InvalidOperationException(
                $"Constructor parameter '{parameter.Name}' of grain class {classType.FullName} has [PersistentState] but is a {type}, not an IPersistentState<T>.");
        }
        var stateType = type.GetGenericArguments()[0];
        if (!stateType.IsValueType && stateType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException(
                $"State type {stateType} of constructor parameter '{parameter.Name}' of grain class {classType.FullName} needs a public parameterless constructor.");
        }
        var storage = activation.Services.GetKeyedService<IGrainStorage>(stateAttribute.StorageName) ?? throw new InvalidOperationException(
            $"Grain class {classType.FullName}, constructor parameter '{parameter.Name}': no grain storage named '{stateAttribute.StorageName}' is registered.");
        var key = new GrainStateKey(activation.GrainId, stateAttribute.StateName);
        var state = (IPersistentStateLoader)CreateStateOfT.MakeGenericMethod(stateType)
            .Invoke(null, [key, stateAttribute.StorageName, storage, activation])!;
        loaders.Add(state);
        return state;
    }

    private static PersistentState<TState> CreateState<TState>(GrainStateKey key, string storageName, IGrainStorage storage, Activation activation)
        where TState : new() => new(key, storageName, storage, activation);
}
