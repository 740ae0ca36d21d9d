namespace Scanner.Functions.Http;

/// <summary>The RFC 9457 problem details this API answers with.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            $"The request body is over the {JsonBody.MaxBytes / 1024} KiB limit.",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request body is too large.");

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(
            "A valid key is required, in the x-functions-key header or the code query parameter.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized.");
}
