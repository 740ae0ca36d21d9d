namespace Scanner.Testing.ServiceBus;

/// <summary>The already-completed <see cref="IAsyncResult"/> the AMQP library's begin/end link-opening pattern needs.</summary>
internal sealed class CompletedResult : IAsyncResult
{
    private CompletedResult(object? state) => AsyncState = state;

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException("A completed result has nothing to wait for.");

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;

    public static IAsyncResult Complete(AsyncCallback? callback, object? state)
    {
        var result = new CompletedResult(state);
        callback?.Invoke(result);
        return result;
    }
}
