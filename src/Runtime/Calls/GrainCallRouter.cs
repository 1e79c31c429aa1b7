using Microsoft.Extensions.Options;
using Rlvr.Runtime.Activations;
using Rlvr.Runtime.GrainDirectory;
using Rlvr.Runtime.Hosting;
using Rlvr.Runtime.Placement;
using Rlvr.Runtime.Transport;

namespace Rlvr.Runtime.Calls;

/// <summary>
/// Turns a grain call into a request and routes it: to the local activation when there is one, otherwise through the
/// directory, placement and transport. Applies the call timeout and refuses non-reentrant call cycles.
/// </summary>
internal sealed class GrainCallRouter(
    IOptions<SiloOptions> options,
    Activations.Catalog catalog,
    IGrainDirectory directory,
    IPlacementDirector placement,
    IGrainTransport transport,
    CallDeadlines deadlines)
{
    private readonly TimeSpan _callTimeout = options.Value.CallTimeout;

    public Task<TResult> InvokeAsync<TResult>(GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments)
    {
        var caller = RequestContext.Current;
        var now = Environment.TickCount64;
        var deadline = now + (long)(method.Timeout ?? _callTimeout).TotalMilliseconds;
        if (caller is not null && caller.Deadline < deadline)
        {
            deadline = caller.Deadline;
        }
        var kind = grainClass.IsReentrant || method.AlwaysInterleaves ? TurnKind.Interleave
            : method.IsReadOnly ? TurnKind.ReadOnly
            : TurnKind.Exclusive;
        if (kind != TurnKind.Interleave && !grainClass.IsStatelessWorker && caller is not null && caller.Contains(target))
        {
            return Task.FromException<TResult>(new GrainCallCycleException(
                $"Call cycle: {caller} -> {target}.{method.Name}. Grain {target} is waiting further up the chain and is not reentrant; "
                + "mark the grain [Reentrant] or the method [AlwaysInterleave] if the cycle is intended."));
        }
        var request = new GrainRequest<TResult>(target, grainClass, method, arguments, kind, caller, deadline, Math.Max(0, deadline - now), deadlines);
        if (deadline <= now)
        {
            request.TimeOut();
            return request.Completion;
        }
        deadlines.Add(request);
        if (!catalog.TryEnqueueLocal(request))
        {
            _ = RouteAsync(request);
        }
        return request.Completion;
    }

    private async Task RouteAsync(GrainRequest request)
    {
        try
        {
            if (request.GrainClass.IsStatelessWorker)
            {
                await catalog.DispatchAsync(request);
                return;
            }
            var silo = await directory.LookupAsync(request.Target) ?? await placement.PlaceAsync(request.Target, request.GrainClass);
            await transport.SendAsync(silo, request);
        }
        catch (Exception error)
        {
            request.Reject(error);
        }
    }
}
