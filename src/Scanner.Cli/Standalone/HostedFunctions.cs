using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>The functions this host serves, as discovered (tests compare them with <c>functions.metadata</c>).</summary>
public sealed record HostedFunctions(IReadOnlyList<FunctionDescriptor> All);
