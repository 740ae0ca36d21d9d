using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Scanner.Functions.Discovery;

/// <summary>
/// One function of Scanner.Functions as its attributes declare it (exactly one trigger is set): what the standalone
/// host serves and the OpenAPI document describes, read from the attributes the Worker SDK writes functions.metadata from.
/// </summary>
public sealed record FunctionDescriptor(
    string Name,
    MethodInfo Method,
    HttpTriggerAttribute? Http,
    TimerTriggerAttribute? Timer,
    QueueTriggerAttribute? Queue)
{
    public string TriggerType => Http is not null ? "httpTrigger" : Timer is not null ? "timerTrigger" : "queueTrigger";

    /// <summary>The route as the Functions host reads it: the function name when none is given.</summary>
    public string? Route => Http is null ? null : Http.Route ?? Name;

    /// <summary>Upper-case HTTP methods; the host's default is GET and POST.</summary>
    public IReadOnlyList<string> HttpMethods => Http is null ? [] : [.. (Http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())];
}
