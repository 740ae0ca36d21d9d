namespace Scanner.Cli.Tests.Telemetry;

/// <summary>One OTLP/HTTP request an <see cref="OtlpReceiver"/> took in.</summary>
public sealed record OtlpExport(string Path, string? ContentType, byte[] Body);
