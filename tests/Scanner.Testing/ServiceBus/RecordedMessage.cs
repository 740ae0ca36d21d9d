namespace Scanner.Testing.ServiceBus;

/// <summary>
/// A message the <see cref="ServiceBusBroker"/> took into an entity. <see cref="IsDuplicate"/> ones had a
/// <see cref="MessageId"/> the entity had already taken: duplicate detection dropped them, as the topic's does.
/// </summary>
/// <param name="Entity">The entity path, as the sender link named it (<c>extension-changes</c>).</param>
/// <param name="TransferId">The <see cref="RecordedTransfer.Id"/> it came in.</param>
/// <param name="IndexInTransfer">Its position in that transfer (0 for a transfer of one message).</param>
public sealed record RecordedMessage(
    string Entity,
    int TransferId,
    int IndexInTransfer,
    string? MessageId,
    string? Subject,
    string? ContentType,
    IReadOnlyDictionary<string, object?> ApplicationProperties,
    byte[] Body,
    bool IsDuplicate)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>The application property <paramref name="name"/> as a string, null when it is absent.</summary>
    public string? Property(string name) => ApplicationProperties.TryGetValue(name, out var value) ? value?.ToString() : null;
}
