using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Storage;

namespace Rlvr.Runtime.Calls;

/// <summary>A grain request whose caller awaits a <typeparamref name="TResult"/> (null for methods returning Task).</summary>
internal sealed class GrainRequest<TResult>(
    GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments, TurnKind kind, CallFrame? caller, long deadline,
    long timeoutMilliseconds, CallDeadlines deadlines)
    : GrainRequest(target, grainClass, method, arguments, kind, caller, deadline, timeoutMilliseconds)
{
    // Asynchronous continuations: the caller must never resume inline on the callee's turn scheduler.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Completion => _completion.Task;

    public override async Task RunAsync(Activation activation)
    {
        RequestContext.Current = new CallFrame(Target, Method.Name, Deadline, Caller);
        try
        {
            var task = Method.Invoke(activation.Instance, Arguments);
            await task;
            deadlines.Remove(this);
            _completion.TrySetResult(Method.ReturnsValue ? ((Task<TResult>)task).Result : default!);
        }
        catch (Exception error)
        {
            if (error is InconsistentStateException)
            {
                activation.Deactivate(DeactivationReason.InconsistentState);
            }
            Reject(error);
        }
        finally
        {
            activation.TurnFinished(this);
        }
    }

    public override void Reject(Exception error)
    {
        deadlines.Remove(this);
        _completion.TrySetException(error);
    }
}
