namespace Scanner.Application.Outcomes;

/// <summary>The answer of a use case: a value, or why there is none. Expected failures are values, not exceptions.</summary>
#pragma warning disable CA1000 // Outcome<T>.Ok(value) reads better than a separate factory class.
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Detail)
{
    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, null);

    public static Outcome<T> Created(T value) => new(OutcomeKind.Created, value, null);

    public static Outcome<T> Invalid(string detail) => new(OutcomeKind.Invalid, default, detail);

    public static Outcome<T> NotFound(string detail) => new(OutcomeKind.NotFound, default, detail);
}
#pragma warning restore CA1000
