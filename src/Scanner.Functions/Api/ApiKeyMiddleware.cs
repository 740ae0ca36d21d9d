using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Scanner.Functions.Configuration;
using Scanner.Functions.Functions;

namespace Scanner.Functions.Api;

/// <summary>
/// Standalone mode's stand-in for the Functions host's key check: <c>x-functions-key</c> header or <c>code</c> query,
/// function level accepts the function or admin key, admin level only the admin key. Keys are compared in constant
/// time (over their hashes, so length leaks nothing either) and never logged.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options)
{
    private readonly byte[]? _functionKey = Hash(options.Value.Function);
    private readonly byte[]? _adminKey = Hash(options.Value.Admin);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var level = context.GetEndpoint()?.Metadata.GetMetadata<FunctionDeclaration>()?.Trigger is HttpTrigger http
            ? http.AuthLevel
            : FunctionAuthLevel.Anonymous;
        if (level == FunctionAuthLevel.Anonymous)
        {
            return next(context);
        }

        var presented = context.Request.Headers["x-functions-key"].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        var hash = Hash(presented);
        var allowed = hash is not null &&
                      (Matches(hash, _adminKey) || (level == FunctionAuthLevel.Function && Matches(hash, _functionKey)));
        if (allowed)
        {
            return next(context);
        }

        return Problems.Unauthorized().ExecuteAsync(context);
    }

    private static bool Matches(byte[] presented, byte[]? expected) =>
        expected is not null && CryptographicOperations.FixedTimeEquals(presented, expected);

    private static byte[]? Hash(string? key) =>
        string.IsNullOrEmpty(key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
