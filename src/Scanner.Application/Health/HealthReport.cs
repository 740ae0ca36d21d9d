namespace Scanner.Application.Health;

/// <summary>
/// What <c>GET /api/health</c> answers: <c>healthy</c>, or <c>degraded</c> with the reasons an operator can act on.
/// </summary>
public sealed record HealthReport(
    string Status,
    IReadOnlyList<string> Reasons,
    long CatalogSequence,
    DateTimeOffset CatalogLoadedAt,
    DateTimeOffset? CheckedAt)
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
}
