namespace Scanner.Storage.Tests.Support;

/// <summary>Thrown by <see cref="StorageFaults"/> to stop an operation as a process crash right after a request would.</summary>
public sealed class SimulatedCrashException(string request) : Exception($"Simulated crash after {request}")
{
    public string Request { get; } = request;
}
