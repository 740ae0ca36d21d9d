using Scanner.Functions.Cli;

return await ScannerCommandLine.RunAsync(args).ConfigureAwait(false);

/// <summary>Entry point; public so tests can name the assembly.</summary>
public partial class Program;
