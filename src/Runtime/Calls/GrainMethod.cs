using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Rlvr.Runtime.Calls;

/// <summary>
/// A grain interface method, prepared once: its scheduling attributes, a compiled invoker for the grain side and a
/// typed sender for the reference side (no reflection per call).
/// </summary>
internal sealed class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Cache = new();

    private static readonly MethodInfo SendOfT = typeof(GrainMethod).GetMethod(nameof(Send), BindingFlags.NonPublic | BindingFlags.Static)!;

    private GrainMethod(MethodInfo method)
    {
        Name = method.Name;
        QualifiedName = $"{method.DeclaringType!.Name}.{method.Name}";
        IsReadOnly = method.IsDefined(typeof(ReadOnlyAttribute));
        AlwaysInterleaves = method.IsDefined(typeof(AlwaysInterleaveAttribute));
        Timeout = method.GetCustomAttribute<ResponseTimeoutAttribute>()?.Timeout;
        ReturnsValue = method.ReturnType != typeof(Task);
        var resultType = ReturnsValue ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
        Invoke = CompileInvoker(method);
        SendRequest = SendOfT.MakeGenericMethod(resultType).CreateDelegate<Func<GrainReference, GrainMethod, object?[], object>>();
    }

    public string Name { get; }

    /// <summary>"IInterface.Method", for error messages.</summary>
    public string QualifiedName { get; }

    public bool IsReadOnly { get; }

    public bool AlwaysInterleaves { get; }

    public TimeSpan? Timeout { get; }

    /// <summary>Returns <see cref="Task{TResult}"/> rather than <see cref="Task"/>.</summary>
    public bool ReturnsValue { get; }

    /// <summary>Calls the method on a grain instance.</summary>
    public Func<object, object?[], Task> Invoke { get; }

    private Func<GrainReference, GrainMethod, object?[], object> SendRequest { get; }

    public static GrainMethod For(MethodInfo method) => Cache.GetOrAdd(method, static m => new GrainMethod(m));

    /// <summary>Whether <paramref name="method"/> may be a grain method; the reason when it may not.</summary>
    public static string? Validate(MethodInfo method)
    {
        var returnType = method.ReturnType;
        if (returnType != typeof(Task) && !(returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            return $"grain method {method.DeclaringType!.FullName}.{method.Name} returns {returnType.Name}; grain methods return Task or Task<T>";
        }
        if (method.IsGenericMethodDefinition)
        {
            return $"grain method {method.DeclaringType!.FullName}.{method.Name} is generic; grain methods are not";
        }
        var byRef = method.GetParameters().FirstOrDefault(p => p.ParameterType.IsByRef);
        return byRef is null ? null : $"parameter '{byRef.Name}' of grain method {method.DeclaringType!.FullName}.{method.Name} is passed by reference; grain methods take values";
    }

    /// <summary>Sends a call through <paramref name="reference"/> and returns the caller's task.</summary>
    public object Send(GrainReference reference, object?[] arguments) => SendRequest(reference, this, arguments);

    private static Task<TResult> Send<TResult>(GrainReference reference, GrainMethod method, object?[] arguments) =>
        reference.Router.InvokeAsync<TResult>(reference.GrainId, reference.GrainClass, method, arguments);

    private static Func<object, object?[], Task> CompileInvoker(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(arguments, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, arguments).Compile();
    }
}
