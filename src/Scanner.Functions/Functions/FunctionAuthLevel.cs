namespace Scanner.Functions.Functions;

/// <summary>Who may call an HTTP function: the Functions host's own levels.</summary>
public enum FunctionAuthLevel
{
    Anonymous,
    Function,
    Admin,
}
