namespace Scanner.Functions.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A repository failed to scan, or the validated image is not a valid extension.</summary>
    public const int Failed = 1;

    public const int Usage = 2;

    /// <summary>The image could not be read from its registry.</summary>
    public const int Unreadable = 3;
}
