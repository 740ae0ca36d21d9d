using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;

namespace Scanner.Storage.Publishing;

/// <summary>
/// A publisher that does nothing: the default wiring until a real one (Service Bus, in-process bus) is registered.
/// Events still reach the change feed; only the fan-out is skipped.
/// </summary>
public sealed class NullChangePublisher : IChangePublisher
{
    public string Destination => "none";

    public Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default) =>
        Task.FromResult(PublishResult.AllPublished);
}
