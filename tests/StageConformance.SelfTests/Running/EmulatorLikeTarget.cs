using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StageConformance.SelfTests.Running;

/// <summary>
/// The reference target behind a proxy that answers some calls around the checks as emulators do:
/// a rule may change a status (200 for 201, as moto does), answer a web server's 404 page for an
/// operation the emulator lacks, or refuse a call it carried out. Stage operations pass unchanged.
/// </summary>
internal sealed partial class EmulatorLikeTarget : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient upstream;

    private EmulatorLikeTarget(WebApplication app, HttpClient upstream, Uri baseUrl)
    {
        this.app = app;
        this.upstream = upstream;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What to answer instead: given method, path and the upstream status, a new status (or null to keep it) and whether to lack the operation.</summary>
    public delegate (int? Status, bool Lacks) Rule(string method, string path, int upstreamStatus);

    /// <summary>moto 5.2.3's ways: 200 where AWS creates with 201 or deletes with 202/204, and no v2 CreateDeployment.</summary>
    public static (int? Status, bool Lacks) MotoLike(string method, string path, int upstreamStatus)
    {
        if (method == "POST" && V2Deployments().IsMatch(path))
        {
            return (null, true);
        }

        var creates = method == "PUT" || (method == "POST" && (path is "/restapis" or "/v2/apis" || path.EndsWith("/routes", StringComparison.Ordinal)));
        var deletesApi = method == "DELETE" && ApiPath().IsMatch(path);
        return ((creates && upstreamStatus == 201) || (deletesApi && upstreamStatus is 202 or 204) ? 200 : null, false);
    }

    public static async Task<EmulatorLikeTarget> StartAsync(Uri reference, Rule rule)
    {
        var upstream = new HttpClient { BaseAddress = reference };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";

            // As sent: $default travels as %24default, which the decoded path would lose.
            var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            HttpRequestMessage Forward()
            {
                var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
                if (body.Length > 0)
                {
                    forward.Content = new ByteArrayContent(body.ToArray());
                    forward.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
                }

                foreach (var header in context.Request.Headers.Where(h => h.Key is not ("Content-Type" or "Content-Length" or "Transfer-Encoding" or "Connection" or "Keep-Alive")))
                {
                    forward.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
                }

                return forward;
            }

            using var forwarded = Forward();
            var answer = await upstream.SendAsync(forwarded);
            using var disposeAnswer = answer;
            var (status, lacks) = rule(context.Request.Method, path, (int)answer.StatusCode);
            if (lacks)
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n");
                return;
            }

            context.Response.StatusCode = status ?? (int)answer.StatusCode;
            foreach (var header in answer.Headers.Concat(answer.Content.Headers).Where(h => h.Key is not ("Content-Length" or "Transfer-Encoding" or "Connection" or "Keep-Alive")))
            {
                context.Response.Headers[header.Key] = header.Value.ToArray();
            }

            var bytes = await answer.Content.ReadAsByteArrayAsync();
            if (bytes.Length > 0 && context.Response.StatusCode is not (204 or 304))
            {
                await context.Response.Body.WriteAsync(bytes);
            }
        });
        await app.StartAsync();
        return new EmulatorLikeTarget(app, upstream, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        upstream.Dispose();
    }

    [GeneratedRegex("^/(restapis|v2/apis)/[^/]+$")]
    private static partial Regex ApiPath();

    [GeneratedRegex("^/v2/apis/[^/]+/deployments$")]
    private static partial Regex V2Deployments();
}
