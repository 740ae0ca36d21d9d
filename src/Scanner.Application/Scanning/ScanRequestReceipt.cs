namespace Scanner.Application.Scanning;

/// <summary>A scan request and what became of it: the one value the API answers and the queue carried.</summary>
public sealed record ScanRequestReceipt(ScanRequest Request, ScanRequestDisposition Disposition);
