using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scanner.Testing.Registry;

/// <summary>
/// A registry token service for tests: checks Basic credentials, then signs an ES256 JWT granting the requested
/// repository scopes, with its self-signed certificate in <c>x5c</c>. The registry trusts that certificate
/// (<c>auth.token.rootcertbundle</c>), so the real Bearer challenge flow runs end to end.
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Issuer = "scanner-test-issuer";

    public const string Service = "scanner-test-registry";

    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;
    private readonly WebApplication _app;
    private readonly string _username;
    private readonly string _password;
    private int _requests;

    private TokenIssuer(string username, string password, int port)
    {
        _username = username;
        _password = password;
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=scanner-test-token-issuer", _key, HashAlgorithmName.SHA256);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        Realm = new Uri($"http://127.0.0.1:{port}/token");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        _app.MapGet("/token", Issue);
    }

    public Uri Realm { get; }

    /// <summary>The certificate in PEM, for the registry's <c>rootcertbundle</c>.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>Token requests answered so far, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<TokenIssuer> StartAsync(string username, string password)
    {
        var issuer = new TokenIssuer(username, password, FreePort.Next());
        await issuer._app.StartAsync().ConfigureAwait(false);
        return issuer;
    }

    /// <summary>A token for <paramref name="scope"/>, as a client of the issuer would get it (used by the seeder to push).</summary>
    public string CreateToken(string subject, IEnumerable<string> scopes) => Sign(subject, scopes);

    private IResult Issue(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(DecodeBasic(header.Parameter), $"{_username}:{_password}", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        if (!string.Equals(context.Request.Query["service"], Service, StringComparison.Ordinal))
        {
            return Results.BadRequest();
        }

        var token = Sign(_username, context.Request.Query["scope"].Where(s => s is not null).Select(s => s!));
        return Results.Json(new Dictionary<string, object> { ["token"] = token, ["expires_in"] = 300 });
    }

    private string Sign(string subject, IEnumerable<string> scopes)
    {
        var access = new List<Dictionary<string, object>>();
        foreach (var scope in scopes)
        {
            // repository:{name}:{actions}; the name has no colon, the actions are comma separated.
            var first = scope.IndexOf(':', StringComparison.Ordinal);
            var last = scope.LastIndexOf(':');
            if (first < 0 || last <= first)
            {
                continue;
            }

            access.Add(new Dictionary<string, object>
            {
                ["type"] = scope[..first],
                ["name"] = scope[(first + 1)..last],
                ["actions"] = scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries),
            });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object>
        {
            ["typ"] = "JWT",
            ["alg"] = "ES256",
            ["x5c"] = new[] { Convert.ToBase64String(_certificate.RawData) },
        };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        };
        var signingInput = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));

        // JOSE wants r||s, which is .NET's default (IEEE P1363) signature format.
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url(signature);
    }

    private static string? DecodeBasic(string? parameter)
    {
        try
        {
            return parameter is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
        _key.Dispose();
    }
}
