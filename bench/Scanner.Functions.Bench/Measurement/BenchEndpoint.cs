namespace Scanner.Functions.Bench.Measurement;

/// <summary>One URL the benchmark loads, with the name it has in the report.</summary>
public sealed record BenchEndpoint(string Name, Uri Url);
