using Rlvr.Runtime.Activations;
using Rlvr.Runtime.Storage;

namespace Rlvr.Runtime.Calls;

/// <summary>A grain request whose caller awaits a <typeparamref name="TResult"/> (null for methods returning Task).</summary>
internal sealed class GrainRequest<TResult>(
    GrainId target, GrainClassInfo grainClass, GrainMethod method, object?[] arguments, TurnKind kind, CallFrame? caller, long deadline,
    long timeoutMilliseconds, CallDeadlines deadlines)
    : GrainRequest(target, grainClass, method, arguments, kind, caller, deadline, timeoutMilliseconds)
{
    // Continuations run inline: a turn's outcome is published off the activation's scheduler (see Turn.Publish), and
    // timeouts and routing failures complete on thread-pool threads that hold no activation.
    private readonly TaskCompletionSource<TResult> _completion = new();
    private bool _ran;
    private TResult _result = default!;
    private Exception? _error;

    public Task<TResult> Completion => _completion.Task;

    public override async Task RunAsync(Activation activation)
    {
        RequestContext.Current = new CallFrame(Target, Method.Name, Deadline, Caller);
        try
        {
            var task = Method.Invoke(activation.Instance, Arguments);
            await task;
            if (Method.ReturnsValue)
            {
                _result = ((Task<TResult>)task).Result;
            }
        }
        catch (Exception error)
        {
            if (error is InconsistentStateException)
            {
                activation.Deactivate(DeactivationReason.InconsistentState);
            }
            _error = error;
        }
        finally
        {
            _ran = true;
            activation.TurnFinished(this);
        }
    }

    public override void Publish()
    {
        if (!_ran)
        {
            return;
        }
        if (_error is null)
        {
            deadlines.Remove(this);
            _completion.TrySetResult(_result);
        }
        else
        {
            Reject(_error);
        }
    }

    public override void Reject(Exception error)
    {
        deadlines.Remove(this);
        _completion.TrySetException(error);
    }
}
