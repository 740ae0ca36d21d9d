namespace Scanner.Cli.Commands;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A repository failed to scan, or the validated image is not a valid extension.</summary>
    public const int Failed = 1;

    public const int Usage = 2;

    /// <summary>The image could not be read from its registry.</summary>
    public const int Unreadable = 3;

    /// <summary>The service could not start: a dependency such as Table Storage does not answer, or settings are wrong.</summary>
    public const int StartFailed = 4;
}
