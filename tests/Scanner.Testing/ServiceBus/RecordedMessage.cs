namespace Scanner.Testing.ServiceBus;

/// <summary>A message the contract server received; <see cref="IsDuplicate"/> ones were accepted and dropped.</summary>
public sealed record RecordedMessage(
    int RequestSequence,
    string Entity,
    string? MessageId,
    string? Label,
    string? ContentType,
    IReadOnlyDictionary<string, string> Properties,
    byte[] Body,
    bool IsDuplicate)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
