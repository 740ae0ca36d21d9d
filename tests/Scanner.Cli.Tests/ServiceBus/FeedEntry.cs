namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>One event of GET /api/v1/changes, the fields the tests compare with what the broker took.</summary>
internal sealed record FeedEntry(string Id, string Type, string Source, string? Subject);
