using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Scanner.Cli.Configuration;

namespace Scanner.Cli.Standalone;

/// <summary>
/// The key check the Functions host makes in Azure: <c>x-functions-key</c> header or <c>code</c> query; a function
/// level accepts the function or the admin key, the admin level only the admin key. Keys come from
/// <c>Scanner:ApiKeys</c> and are compared in constant time; an unset key admits no one.
/// </summary>
public sealed class FunctionKeys(IOptions<ApiKeyOptions> options)
{
    public bool Admits(AuthorizationLevel level, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var keys = options.Value;
        return Matches(presented, keys.Admin) || (level == AuthorizationLevel.Function && Matches(presented, keys.Function));
    }

    private static bool Matches(string presented, string? key) =>
        !string.IsNullOrEmpty(key) &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
