namespace Scanner.Functions.Functions;

/// <summary>One function of the app, declared once: <c>function.json</c>, routes and timers all come from here.</summary>
public sealed record FunctionDeclaration(string Name, FunctionTrigger Trigger, string Summary)
{
    public HttpTrigger Http => Trigger as HttpTrigger
        ?? throw new InvalidOperationException($"{Name} is not an HTTP function.");
}
