using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StageConformance.SelfTests.Running;

/// <summary>
/// A target whose every answer is drawn by FsCheck: any status, any JSON shape (a boolean, number,
/// null or array where an object or a string belongs, missing members, nesting deeper than any parser
/// allows), web pages, empty and huge bodies, wrong content types and charsets. Answers are plausible
/// often enough (ids the suite can build on, the request echoed) that checks get past provisioning.
/// </summary>
internal sealed class HostileTarget : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Answer[] answers;
    private int next;

    private HostileTarget(WebApplication app, Answer[] answers, Uri baseUrl)
    {
        this.app = app;
        this.answers = answers;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    private const int FriendlyStart = 16;

    /// <summary>How many requests the target answered.</summary>
    public int Answered => Volatile.Read(ref next);

    /// <param name="Provisions">Outside the stage operations, answer as a service would (ids included), so that checks get to run.</param>
    public sealed record Answer(int Status, string? ContentType, string Kind, JsonNode? Json, string? Text, bool EchoRequest, string? ErrorType, bool Provisions);

    public static async Task<HostileTarget> StartAsync(int pool = 600)
    {
        // The first answers let provisioning through, so that every dialect's checks meet the hostile ones.
        var answers = AnswerGen.Sample(pool, size: 30).Select((a, i) => i < FriendlyStart ? a with { Provisions = true } : a).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        HostileTarget? target = null;
        app.Run(context => target!.AnswerAsync(context));
        await app.StartAsync();
        var address = app.Urls.First();
        target = new HostileTarget(app, answers, new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
        return target;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var answer = answers[(Interlocked.Increment(ref next) - 1) % answers.Length];
        string request;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            request = await reader.ReadToEndAsync();
        }

        if (answer.Provisions && !context.Request.Path.Value!.Contains("/stages", StringComparison.Ordinal))
        {
            var n = Answered;
            context.Response.StatusCode = context.Request.Method == "DELETE" ? 202 : 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JsonObject
            {
                ["id"] = $"h{n}id",
                ["apiId"] = $"h{n}api",
                ["deploymentId"] = $"h{n}dep",
                ["rootResourceId"] = "root",
                ["item"] = new JsonArray(new JsonObject { ["path"] = "/", ["id"] = "root" }),
                ["product"] = new JsonObject { ["productId"] = $"h{n}prod" },
                ["api"] = new JsonObject { ["apiId"] = $"h{n}api" },
            }.ToJsonString());
            return;
        }

        var body = answer.EchoRequest && JsonNode.Parse(request.Length == 0 ? "{}" : request) is JsonObject echoed
            ? Plausible(echoed, answer.Json)
            : answer.Text ?? answer.Json?.ToJsonString() ?? "";
        context.Response.StatusCode = answer.Status;
        if (answer.ContentType is not null)
        {
            context.Response.Headers.ContentType = answer.ContentType;
        }

        if (answer.ErrorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = answer.ErrorType;
        }

        if (answer.Status == 429)
        {
            context.Response.Headers.RetryAfter = "0";
        }

        if (answer.Status is not (204 or 304))
        {
            await context.Response.WriteAsync(body);
        }
    }

    /// <summary>The request sent back with the generated members on top: a stage that looks created, with odd members.</summary>
    private static string Plausible(JsonObject echoed, JsonNode? extra)
    {
        if (extra is JsonObject members)
        {
            foreach (var (name, value) in members)
            {
                echoed[name] = value?.DeepClone();
            }
        }

        return echoed.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    // ---- what the answers are drawn from ----

    private static readonly string[] Names = ["id", "apiId", "deploymentId", "stageName", "stageId", "item", "items", "nextToken", "product", "api", "stage", "stages", "canarySettings", "createdDate", "lastUpdatedDate", "message", "__type", "variables", "rootResourceId", "path"];

    private static Gen<JsonNode?> Scalar =>
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Choose(-5, 2_000_000_000).Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements(1e308, -0.5, 12.5).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Elements("", "x", "stageconf-abcd", "/", "$default", "null", "true", "<b>", new string('z', 3000), "01 01").Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Json(int depth) => depth <= 0
        ? Scalar
        : Gen.Frequency<JsonNode?>(
            (3, Scalar),
            (2, Gen.Choose(0, 4).SelectMany(n => Gen.ListOf(Json(depth - 1), n)).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (3, ObjectOf(depth - 1).Select(o => (JsonNode?)o)));

    private static Gen<JsonObject> ObjectOf(int depth) =>
        from count in Gen.Choose(0, 6)
        from keys in Gen.ArrayOf(Gen.Elements(Names), count)
        from values in Gen.ArrayOf(Json(depth), count)
        select new JsonObject(keys.Zip(values).DistinctBy(p => p.First).Select(p => KeyValuePair.Create(p.First, p.Second?.DeepClone())));

    /// <summary>[[[[...]]]] beyond System.Text.Json's default depth of 64.</summary>
    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private static Gen<int> Status =>
        Gen.Frequency(
            (10, Gen.Elements(200, 201, 202, 204)),
            (3, Gen.Constant(400)),
            (2, Gen.Constant(404)),
            (1, Gen.Elements(401, 403, 409, 405, 501)),
            (1, Gen.Elements(500, 503, 429)),
            (1, Gen.Elements(299, 302, 418)));

    private static Gen<string?> ContentType =>
        Gen.Frequency(
            (6, Gen.Constant<string?>("application/json")),
            (1, Gen.Elements<string?>(null, "text/html", "text/plain", "application/xml", "application/json; charset=bogus-charset", "application/x-amz-json-1.1")));

    private static Gen<Answer> AnswerGen =>
        from status in Status
        from contentType in ContentType
        from kind in Gen.Frequency(
            (5, Gen.Constant("object")), (3, Gen.Constant("echo")), (2, Gen.Constant("any-json")),
            (1, Gen.Elements("html", "empty", "huge", "deep", "not-json")))
        from json in kind == "any-json" ? Json(3) : ObjectOf(3).Select(o => (JsonNode?)o)
        from provisions in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
        from errorType in Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("BadRequestException", "", ":", "x:y:z", "NotFoundException:http://internal.amazon.com/coral/")))
        select new Answer(status, contentType, kind, json, kind switch
        {
            "html" => "<!doctype html><html><title>404 Not Found</title><h1>Not Found</h1></html>",
            "empty" => "",
            "huge" => "{\"message\":\"" + new string('h', 5_000_000) + "\"}",
            "deep" => Deep(5000),
            "not-json" => "{\"id\": \"abc\", oops",
            _ => null,
        }, kind == "echo", errorType, provisions);
}
