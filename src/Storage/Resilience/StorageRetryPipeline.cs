using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace Rlvr.Storage.Resilience;

/// <summary>
/// Runs one storage operation with retries (exponential backoff with Polly's jitter) and a per-attempt timeout,
/// and turns a final failure into a <see cref="GrainStorageException"/> naming provider, operation and key.
/// </summary>
internal sealed class StorageRetryPipeline
{
    private readonly ResiliencePipeline _pipeline;
    private readonly string _providerName;

    public StorageRetryPipeline(string providerName, StorageRetryOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _providerName = providerName;
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientStorageFailure.IsTransient(e)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "Storage provider '{Provider}': {Operation} failed (attempt {Attempt}); retrying in {Delay}",
                        providerName, args.Context.OperationKey, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    public async Task<T> ExecuteAsync<T>(string operation, string key, Func<CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get($"{operation} {key}", cancellationToken);
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(
                ctx =>
                {
                    attempts++;
                    return attempt(ctx.CancellationToken);
                },
                context);
        }
        catch (Exception e) when (e is not (InconsistentStateException or ArgumentException)
                                  && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new GrainStorageException(_providerName, operation, key, attempts, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
