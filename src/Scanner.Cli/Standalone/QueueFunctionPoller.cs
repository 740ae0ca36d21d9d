using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scanner.Application.Queues;
using Scanner.Storage.Queues;

using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Runs one queue-triggered function the way the Functions host's queue listener does: fetch up to
/// <c>batchSize</c> messages when no more than <c>newBatchThreshold</c> are in flight, hide each for the function
/// timeout while it runs, delete it on success, make it visible again after <c>visibilityTimeout</c> on failure,
/// and move it to <c>{queue}-poison</c> once it has failed <c>maxDequeueCount</c> times. Polls back off to
/// <c>maxPollingInterval</c> while the queue is empty.
/// </summary>
public sealed partial class QueueFunctionPoller(
    FunctionDescriptor function,
    IServiceProvider services,
    StorageQueues queues,
    QueueHostOptions options,
    TimeProvider time,
    ILogger<QueueFunctionPoller> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly FunctionInvoker _invoker = FunctionInvoker.For(function);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = function.Queue!.QueueName;
        var queue = queues.Get(name);
        var poison = queues.Get(WorkQueues.PoisonOf(name));
        var inFlight = new List<Task>();
        var delay = MinPollingInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count > options.NewBatchThreshold)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken);
                    continue;
                }

                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(options.BatchSize, options.FunctionTimeout, stoppingToken)).Value;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogReceiveFailed(name, e.GetType().Name, e.Message);
                    messages = [];
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(delay, time, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                inFlight.AddRange(messages.Select(m => ProcessAsync(queue, poison, m, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        // Off the polling loop, so one slow function never holds up the next receive.
        await Task.Yield();
        try
        {
            await _invoker.InvokeAsync(services, null, message.Body.ToString(), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (message.DequeueCount >= options.MaxDequeueCount)
                {
                    LogPoisoned(e, function.Name, message.MessageId, message.DequeueCount, poison.Name);
                    await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                }
                else
                {
                    LogFailed(e, function.Name, message.MessageId, message.DequeueCount, options.VisibilityTimeout);
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }
            }
            catch (Exception settle) when (settle is not OperationCanceledException)
            {
                // The message comes back when its hiding time runs out; nothing is lost.
                LogSettleFailed(function.Name, message.MessageId, settle.GetType().Name);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again when its hiding time runs out.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receive failed ({ErrorType}: {Error}); polling again")]
    private partial void LogReceiveFailed(string queue, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (dequeue {DequeueCount}); retried after {VisibilityTimeout}")]
    private partial void LogFailed(Exception exception, string function, string messageId, long dequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} {DequeueCount} times; moved to {PoisonQueue}")]
    private partial void LogPoisoned(Exception exception, string function, string messageId, long dequeueCount, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: could not settle message {MessageId} ({ErrorType}); it reappears after its timeout")]
    private partial void LogSettleFailed(string function, string messageId, string errorType);
}
