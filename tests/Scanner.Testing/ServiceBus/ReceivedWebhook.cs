namespace Scanner.Testing.ServiceBus;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered.</summary>
public sealed record ReceivedWebhook(string Path, DateTimeOffset ReceivedAt, string? ContentType, string? Signature, byte[] Body, int Status)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
