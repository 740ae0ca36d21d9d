namespace Scanner.Functions.Hosting;

public enum HostMode
{
    /// <summary><c>scanner serve</c> without the Functions host: timers and an in-process bus run here.</summary>
    Standalone,

    /// <summary>Started by the Functions host (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set): the host owns triggers and keys.</summary>
    CustomHandler,

    /// <summary>A one-shot command (<c>scan</c>, <c>validate</c>): no HTTP, no timers.</summary>
    Command,
}

public sealed record HostModeInfo(HostMode Mode)
{
    public string Name => Mode switch
    {
        HostMode.Standalone => "standalone",
        HostMode.CustomHandler => "custom-handler",
        _ => "command",
    };
}
