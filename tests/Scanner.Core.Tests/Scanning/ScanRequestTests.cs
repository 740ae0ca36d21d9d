using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Core.Tests.Scanning;

public class ScanRequestTests
{
    private static readonly RepositoryName Repository = RepositoryName.Parse("portainer/portainer-docker-extension");

    [Fact]
    public void Requests_for_one_repository_within_a_utc_minute_share_a_message_id()
    {
        var first = ScanRequest.For(Repository, new DateTimeOffset(2026, 3, 1, 10, 15, 2, TimeSpan.Zero));
        var burst = ScanRequest.For(Repository, new DateTimeOffset(2026, 3, 1, 12, 15, 59, TimeSpan.FromHours(2)));

        Assert.Equal("scan:docker.io/portainer/portainer-docker-extension:2026-03-01T10:15", first.MessageId);
        Assert.Equal(first, burst);
        Assert.Equal("docker.io/portainer/portainer-docker-extension", first.Repository);
    }

    [Fact]
    public void The_next_minute_is_another_request()
    {
        var first = ScanRequest.For(Repository, new DateTimeOffset(2026, 3, 1, 10, 15, 59, TimeSpan.Zero));
        var next = ScanRequest.For(Repository, new DateTimeOffset(2026, 3, 1, 10, 16, 0, TimeSpan.Zero));

        Assert.NotEqual(first.MessageId, next.MessageId);
    }

    [Fact]
    public void A_failed_scan_outcome_carries_its_reason_and_no_result()
    {
        var outcome = RepositoryScanOutcome.Failed(Repository, "registry answered 503");

        Assert.False(outcome.Succeeded);
        Assert.Null(outcome.Result);
        Assert.Equal("registry answered 503", outcome.Failure);
        Assert.Throws<ArgumentException>(() => RepositoryScanOutcome.Failed(Repository, " "));
    }
}
