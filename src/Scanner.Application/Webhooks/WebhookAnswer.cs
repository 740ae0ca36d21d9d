using Scanner.Application.Scanning;

namespace Scanner.Application.Webhooks;

/// <summary>What a webhook caused: a scan request, or nothing (with the reason).</summary>
/// <param name="Status"><c>accepted</c> or <c>ignored</c>.</param>
public sealed record WebhookAnswer(string Status, string Repository, ScanRequestReceipt? Scan, string? Reason);
