using Microsoft.Extensions.Options;
using Rlvr.Runtime.Calls;
using Rlvr.Runtime.Hosting;

namespace Rlvr.Runtime.Activations;

/// <summary>The grain classes of the silo, by grain interface and by type name; validated when the silo is built.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClassInfo> _byInterface = [];
    private readonly Dictionary<string, GrainClassInfo> _byTypeName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(GrainClassList classes, IOptions<SiloOptions> options)
    {
        foreach (var classType in classes.Distinct())
        {
            var info = new GrainClassInfo(classType, options.Value.StatelessWorkerMaxLocal);
            if (!_byTypeName.TryAdd(info.TypeName, info))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byTypeName[info.TypeName].ClassType.FullName} and {classType.FullName} share the grain type name '{info.TypeName}'; give one a [GrainType] name.");
            }
            foreach (var grainInterface in classType.GetInterfaces().Where(IsGrainInterface))
            {
                ValidateInterface(grainInterface);
                if (grainInterface != typeof(IRemindable) && !_byInterface.TryAdd(grainInterface, info))
                {
                    throw new InvalidOperationException(
                        $"Grain interface {grainInterface.FullName} is implemented by both {_byInterface[grainInterface].ClassType.FullName} and {classType.FullName}; one class per interface.");
                }
            }
        }
    }

    public GrainClassInfo ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var info)
            ? info
            : throw new ArgumentException(
                $"No grain class implementing {grainInterface.FullName} is registered with the silo (add it with AddGrain<T>() or AddGrains(assembly)).",
                nameof(grainInterface));

    public bool TryGetByTypeName(string typeName, out GrainClassInfo info) => _byTypeName.TryGetValue(typeName, out info!);

    private static bool IsGrainInterface(Type type) =>
        typeof(IGrain).IsAssignableFrom(type) && type != typeof(IGrain) && type != typeof(IGrainWithStringKey);

    private static void ValidateInterface(Type grainInterface)
    {
        foreach (var method in grainInterface.GetMethods())
        {
            if (GrainMethod.Validate(method) is { } problem)
            {
                throw new InvalidOperationException($"Grain interface {grainInterface.FullName}: {problem}.");
            }
        }
    }
}
