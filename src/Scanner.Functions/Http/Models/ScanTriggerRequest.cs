namespace Scanner.Functions.Http.Models;

/// <summary>The body of <c>POST /api/v1/admin/scans</c>: one repository, or none for all.</summary>
public sealed record ScanTriggerRequest(string? Repository);
