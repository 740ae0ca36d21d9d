namespace Scanner.Testing.Registry;

/// <summary>One answer of a <see cref="CountdownAllowance"/>: in which window, to what, whether it spent a pull, and what it said was left.</summary>
public sealed record AllowanceAnswer(DateTimeOffset At, int Window, string Request, bool Pull, long Remaining);
