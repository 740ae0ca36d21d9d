using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Updates.Models;
using Scanner.Core.Updates;
using Scanner.Functions.Hosting;
using Scanner.Functions.Http;

namespace Scanner.Functions.Tests.Http;

/// <summary>The update check's hand-written body is byte for byte what <c>TypedResults.Ok</c> writes with the app's JSON options.</summary>
public sealed class UpdateCheckResponseWriterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddLogging()
        .AddScannerCore(new ConfigurationBuilder().Build())
        .BuildServiceProvider();

    public static TheoryData<UpdateCheckResponse> Responses() => new()
    {
        new UpdateCheckResponse("0.3.4", false, []),
        new UpdateCheckResponse("0.3.4", true, [new UpdateResult("docker/ext", "1.0.0", null, null, false, UpdateStatus.UnknownExtension)]),
        new UpdateCheckResponse("1.0.0-rc.1", false, [.. Enum.GetValues<UpdateStatus>().Select(s => new UpdateResult("127.0.0.1:5000/test/ext", "1.0.0", "2.0.0", "1.1.0", s == UpdateStatus.UpdateAvailable, s))]),
        new UpdateCheckResponse("0.3.4", false, [new UpdateResult("a\"b\\c<d>&'é\u2028😀\u0001", "1.0.0-α", "2.0.0", null, true, UpdateStatus.UpdateAvailable)]),
        new UpdateCheckResponse("0.3.4", false, [.. Enumerable.Range(0, 3).Select(i => new UpdateResult(string.Concat(Enumerable.Repeat("docker/ext<é>", 700 * i)), "1.0.0", "2.0.0", "1.1.0", true, UpdateStatus.UpdateAvailable))]),
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task The_body_is_what_Ok_writes(UpdateCheckResponse response)
    {
        Assert.Equal(await BodyAsync(TypedResults.Ok(response)), await BodyAsync(new Utf8JsonOk<UpdateCheckResponse, UpdateCheckResponseWriter>(response)));
    }

    [Fact]
    public async Task Random_bodies_are_what_Ok_writes()
    {
        var random = new Random(20261201);
        string[] pieces = ["docker", "/", ":", "5000", "ext", "1.2.3", "-beta.1", "\"", "\\", "<", "é", "\u2028", "😀", "\t", "+", "\u0001\u0001\u0001"];
        string Text() => string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
        string? Maybe() => random.Next(3) == 0 ? null : Text();
        var statuses = Enum.GetValues<UpdateStatus>();
        for (var n = 0; n < 200; n++)
        {
            var response = new UpdateCheckResponse(
                Text(),
                random.Next(2) == 0,
                [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => new UpdateResult(Text(), Text(), Maybe(), Maybe(), random.Next(2) == 0, statuses[random.Next(statuses.Length)]))]);

            Assert.Equal(await BodyAsync(TypedResults.Ok(response)), await BodyAsync(new Utf8JsonOk<UpdateCheckResponse, UpdateCheckResponseWriter>(response)));

            // The bound holds exactly: a span of MaxLength bytes (no pool's rounding up) takes the body.
            var exact = new byte[UpdateCheckResponseWriter.MaxLength(response)];
            Assert.InRange(UpdateCheckResponseWriter.Write(exact, JavaScriptEncoder.Default, response), 2, exact.Length);
        }
    }

    private async Task<string> BodyAsync(IResult result)
    {
        using var body = new MemoryStream();
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        if (result is Utf8JsonOk<UpdateCheckResponse, UpdateCheckResponseWriter>)
        {
            Assert.Equal(body.Length, context.Response.ContentLength);
        }

        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    public void Dispose() => _services.Dispose();
}
