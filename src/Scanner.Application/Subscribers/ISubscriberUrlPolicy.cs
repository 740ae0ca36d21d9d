namespace Scanner.Application.Subscribers;

/// <summary>Which webhook URLs may be registered: https, never loopback, link-local or private (unless allowed).</summary>
public interface ISubscriberUrlPolicy
{
    /// <summary>Why the URL is refused, or null when it may be used.</summary>
    string? Refusal(Uri url);
}
