namespace Scanner.Storage.Extensions;

/// <summary>
/// Extra pipeline policies of the storage clients (telemetry, fault injection in tests), configured with
/// <c>services.Configure&lt;StorageClientOptions&gt;(...)</c> before the clients are first resolved.
/// </summary>
public sealed class StorageClientOptions
{
    public IList<StoragePipelinePolicy> TablePolicies { get; } = [];

    public IList<StoragePipelinePolicy> QueuePolicies { get; } = [];
}
