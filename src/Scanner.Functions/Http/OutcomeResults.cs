using Scanner.Application.Outcomes;

namespace Scanner.Functions.Http;

/// <summary>The problem details answer of a use case's outcome that carries no value.</summary>
public static class OutcomeResults
{
    public static ProblemHttpResult Problem<T>(Outcome<T> outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            OutcomeKind.NotFound => Problems.NotFound(outcome.Detail ?? "Not found."),
            OutcomeKind.Invalid => Problems.BadRequest(outcome.Detail ?? "The request is not valid."),
            _ => throw new InvalidOperationException($"A {outcome.Kind} outcome is not a problem."),
        };
    }
}
