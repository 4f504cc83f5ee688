using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using StageConformance.Checks;
using StageConformance.Http;
using StageConformance.Requirements;
using Check = StageConformance.Checks.Check;

namespace StageConformance.Dialects.AwsHttpV2;

/// <summary>
/// The v2 rules no generic check covers: GetStages pagination, the maxResults check, loggingLevel
/// refused on HTTP APIs, and $default addressed as %24default.
/// </summary>
public static class AwsHttpV2Checks
{
    public const string Pagination = "v2.stages.pagination";
    public const string MaxResults = "v2.stages.maxResults";
    public const string LoggingLevelOnHttp = "v2.loggingLevel.http-unsupported";
    public const string DefaultStage = "v2.stageName.default";

    /// <summary>Stages a pagination case holds at once; AWS allows 10 per API and other checks may have left a few.</summary>
    private const int MaxStagesPerCase = 5;

    /// <summary>Execution logging switched on: the value HTTP APIs certainly refuse (docs/DECISIONS.md V3).</summary>
    private const string LoggingLevel = "INFO";

    public static IEnumerable<Check> For(DialectContract contract)
    {
        Check Make(string id, string requirement, string kind, string description, Func<CheckContext, Task> run) =>
            new(id, requirement, contract.Dialect, kind, description, contract.Requirements[requirement].Category, run);

        yield return Make($"{Pagination}/property:walk", Pagination, "property",
            "for any number of stages and any page size, walking GetStages returns every stage once, pages no larger than maxResults, and ends",
            PaginationProperty);
        yield return Make($"{MaxResults}/not-a-number", MaxResults, "behaviour",
            "GetStages with maxResults=notanumber is answered 400", context => MaxResultsAsync(context, "notanumber"));
        yield return Make($"{LoggingLevelOnHttp}/defaultRouteSettings", LoggingLevelOnHttp, "behaviour",
            $"CreateStage on an HTTP API with defaultRouteSettings.loggingLevel {LoggingLevel} is answered 400 and creates nothing",
            context => LoggingLevelOnHttpAsync(context, name => new JsonObject { ["stageName"] = name, ["defaultRouteSettings"] = new JsonObject { ["loggingLevel"] = LoggingLevel } }));
        yield return Make($"{LoggingLevelOnHttp}/routeSettings", LoggingLevelOnHttp, "behaviour",
            $"CreateStage on an HTTP API with routeSettings[{AwsHttpV2StageApi.RouteKey}].loggingLevel {LoggingLevel} is answered 400 and creates nothing",
            context => LoggingLevelOnHttpAsync(context, name => new JsonObject
            {
                ["stageName"] = name,
                ["routeSettings"] = new JsonObject { [AwsHttpV2StageApi.RouteKey] = new JsonObject { ["loggingLevel"] = LoggingLevel } },
            }));
        // Execution-log settings are refused on HTTP APIs whatever their value, logging off included (docs/DECISIONS.md E2).
        yield return Make($"{LoggingLevelOnHttp}/loggingLevel-OFF", LoggingLevelOnHttp, "behaviour",
            "CreateStage on an HTTP API with defaultRouteSettings.loggingLevel OFF is answered 400 and creates nothing",
            context => LoggingLevelOnHttpAsync(context, name => new JsonObject { ["stageName"] = name, ["defaultRouteSettings"] = new JsonObject { ["loggingLevel"] = "OFF" } }));
        yield return Make($"{LoggingLevelOnHttp}/dataTraceEnabled-false", LoggingLevelOnHttp, "behaviour",
            "CreateStage on an HTTP API with defaultRouteSettings.dataTraceEnabled false is answered 400 and creates nothing",
            context => LoggingLevelOnHttpAsync(context, name => new JsonObject { ["stageName"] = name, ["defaultRouteSettings"] = new JsonObject { ["dataTraceEnabled"] = false } }));
        yield return Make($"{DefaultStage}/addressed-as-%24default", DefaultStage, "behaviour",
            "a $default stage is created, read back as GetStage .../stages/%24default and deleted as DeleteStage .../stages/%24default",
            DefaultStageAsync);
    }

    private static AwsHttpV2StageApi Api(CheckContext context) =>
        context.Api as AwsHttpV2StageApi ?? throw new InvalidOperationException("the aws-http-v2 checks need the aws-http-v2 adapter");

    // ---- pagination ----

    public sealed record PageWalk(int Stages, int PageSize)
    {
        public override string ToString() => $"{Stages} stage(s), maxResults={PageSize}";
    }

    private static Task PaginationProperty(CheckContext context)
    {
        var walks = from stages in Gen.Choose(0, MaxStagesPerCase)
                    from pageSize in Gen.Choose(1, MaxStagesPerCase + 1)
                    select new PageWalk(stages, pageSize);
        var arbitrary = Arb.From(walks, walk => Shrink(walk));
        PropertyRunner.Run(context, $"{Pagination}/property:walk", arbitrary, walk => WalkAsync(context, walk));
        return Task.CompletedTask;
    }

    private static IEnumerable<PageWalk> Shrink(PageWalk walk)
    {
        if (walk.Stages > 0)
        {
            yield return walk with { Stages = walk.Stages - 1 };
        }

        if (walk.PageSize > 1)
        {
            yield return walk with { PageSize = walk.PageSize - 1 };
        }
    }

    private static async Task WalkAsync(CheckContext context, PageWalk walk)
    {
        var api = Api(context);

        // An API of its own: every stage it lists is one this check made (docs/DECISIONS.md M3).
        var apiId = await api.PaginationApiIdAsync();
        var created = new List<string>();
        try
        {
            for (var i = 0; i < walk.Stages; i++)
            {
                var name = context.UniqueName("p" + i);
                var answer = await api.CreateStageOnAsync(apiId, new JsonObject { ["stageName"] = name });
                if (answer.Status is < 200 or >= 300)
                {
                    throw new CheckSkipped($"CreateStage was not accepted ({answer.Status}); {context.Contract.Requirements.RoleId(Roles.CreateStatus)} judges that");
                }

                created.Add(name);
            }

            var seen = new List<string>();
            var tokens = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            HttpExchange? last = null;
            do
            {
                var query = $"maxResults={walk.PageSize}" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
                var page = await api.GetStagesPageAsync(query, apiId);
                last = page;
                Verify.Status(page, context.Contract.GetStages.SuccessStatus, Pagination);
                var json = page.ResponseJson();
                var items = JsonRead.Array(json, "items");
                Verify.That(items.Count <= walk.PageSize, Pagination, $"at most {walk.PageSize} item(s) per page (maxResults)", $"{items.Count} item(s)", page);
                seen.AddRange(items.Select(i => JsonRead.Name(JsonRead.Member(i, "stageName")) ?? "(no stageName)"));
                token = JsonRead.String(json, "nextToken");
                Verify.That(token is null || tokens.Add(token), Pagination, "a nextToken never seen before in this walk",
                    $"nextToken '{token}' again after {tokens.Count} page(s): the walk would loop", page);

                // A walk may end with one empty page; every other page with a token must bring a stage not seen before, or the walk need not end.
                var distinct = seen.Distinct(StringComparer.Ordinal).Count();
                Verify.That(tokens.Count <= distinct + 1, Pagination, "a walk that ends",
                    $"{tokens.Count} page(s) with a nextToken for {distinct} distinct stage(s)", page);
            }
            while (token is not null);

            var repeated = seen.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            var missing = created.Where(n => !seen.Contains(n, StringComparer.Ordinal)).ToList();
            Verify.That(repeated.Count == 0 && missing.Count == 0, Pagination, "every stage exactly once across the pages",
                (repeated.Count > 0 ? "repeated: " + string.Join(", ", repeated) + ". " : "") + (missing.Count > 0 ? "missing: " + string.Join(", ", missing) : ""), last);
        }
        finally
        {
            foreach (var name in created)
            {
                await api.DeleteStageAsync(name);
            }
        }
    }

    private static async Task MaxResultsAsync(CheckContext context, string value)
    {
        var answer = await Api(context).GetStagesPageAsync("maxResults=" + Uri.EscapeDataString(value));
        Verify.Status(answer, 400, MaxResults);
    }

    // ---- loggingLevel on an HTTP API ----

    private static async Task LoggingLevelOnHttpAsync(CheckContext context, Func<string, JsonObject> body)
    {
        var api = Api(context);
        var request = body(context.UniqueName());
        var before = await Verify.StageNamesAsync(context);
        var answer = await api.CreateStageOnHttpApiAsync(request);
        if (answer.Status != 400)
        {
            await Verify.DeleteNewStagesAsync(context, before);
            Verify.Status(answer, 400, LoggingLevelOnHttp);
        }

        await Verify.NothingCreatedAsync(context, before, answer);
    }

    // ---- $default in paths ----

    private static async Task DefaultStageAsync(CheckContext context)
    {
        var api = Api(context);
        const string name = "$default";
        var created = await api.CreateStageOnHttpApiAsync(new JsonObject { ["stageName"] = name });
        Verify.Success(created, DefaultStage);

        // Both calls are made before either is judged, so a failed read never leaves the stage behind.
        var read = await api.GetStageAsync(name);
        var deleted = await api.DeleteStageAsync(name);
        Verify.That(read.Status == context.Contract.GetStage.SuccessStatus && NameOf(api.StageOf(read)) == name, DefaultStage,
            $"GetStage .../stages/%24default answering {context.Contract.GetStage.SuccessStatus} with stageName \"{name}\"", Verify.Observed(read), read);
        Verify.Success(deleted, DefaultStage);
    }

    private static string? NameOf(JsonNode? stage) => JsonRead.String(stage, "stageName");
}
