using Scanner.Cli.Commands;

return await ScannerCommandLine.RunAsync(args).ConfigureAwait(false);
