using Scanner.Application.Scanning;

namespace Scanner.Functions.Http.Models;

/// <summary>The scan requests made, each as the queue carried it and what became of it.</summary>
public sealed record ScanTriggerResponse(IReadOnlyList<ScanRequestReceipt> Requested);
