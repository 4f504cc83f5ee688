using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static StageConformance.ReferenceTarget.V2MutantIds;

namespace StageConformance.ReferenceTarget;

/// <summary>CreateStage, GetStage, GetStages (paged) and DeleteStage of HTTP and WebSocket APIs.</summary>
internal sealed partial class V2StageOperations(TargetContext target)
{
    public const string DefaultStageName = "$default";
    public const int MaxStageNameLength = 128;
    public const int MaxDescriptionLength = 1024;

    /// <summary>Page size when GetStages names none; large enough that a run's stages fit one page.</summary>
    public const int DefaultPageSize = 25;

    public static readonly IReadOnlyList<string> LoggingLevels = ["ERROR", "INFO", "OFF"];

    public ApiResult Create(string apiId, byte[] body)
    {
        lock (target.State.Gate)
        {
            var api = ApiForCreate(apiId);
            var request = V2CreateStageRequest.Read(body, coerce: target.Deviates(Types));
            var stageName = request.StageName
                ?? (target.Deviates(StageNameRequired) ? "stage-" + TargetContext.NewId(8) : throw ApiException.BadRequest("Stage name must be specified"));

            try
            {
                CheckValues(api, request, stageName);
            }
            catch (ApiException e) when (e.Status == 400 && target.Deviates(RejectedNothingCreated)
                && request.StageName is { } requested && !api.Stages.ContainsKey(requested))
            {
                api.Stages[requested] = new V2Stage(requested, TargetContext.Now);
                throw;
            }

            if (api.Stages.ContainsKey(stageName) && !target.Deviates(DuplicateConflict))
            {
                throw ApiException.Conflict("Stage already exists");
            }

            var stage = new V2Stage(stageName, TargetContext.Now)
            {
                Description = request.Description,
                DeploymentId = request.DeploymentId,
                ClientCertificateId = request.ClientCertificateId,
                DefaultRouteSettings = request.DefaultRouteSettings,
                RouteSettings = request.RouteSettings,
                StageVariables = StageOperations.ToMap(request.StageVariables),
                Tags = StageOperations.ToMap(request.Tags),
                AccessLogSettings = request.AccessLogSettings,
            };
            api.Stages[stageName] = stage;
            api.DeletedStages.Remove(stageName);
            return new(target.Deviates(CreateStatus) ? 200 : 201, Render(api, stage, StageView.Created));
        }
    }

    public ApiResult Get(string apiId, string stageName)
    {
        lock (target.State.Gate)
        {
            var api = target.V2Api(apiId);
            return ApiResult.Ok(Render(api, Find(api, stageName), StageView.Single));
        }
    }

    /// <summary>One page of stages in name order; the token names the last stage returned, so pages survive deletions.</summary>
    public ApiResult List(string apiId, string? maxResults, string? nextToken)
    {
        lock (target.State.Gate)
        {
            var api = target.V2Api(apiId);
            var pageSize = PageSize(maxResults);
            var stages = api.Stages.Values.Concat(api.DeletedStages.Values).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
            var start = 0;
            if (nextToken is not null)
            {
                var after = DecodeToken(nextToken);
                start = stages.FindIndex(s => string.CompareOrdinal(s.Name, after) > 0);
                start = start < 0 ? stages.Count : start;
                if (target.Deviates(StagesPagination) && start > 0)
                {
                    start--;
                }
            }

            var page = stages.Skip(start).Take(pageSize).ToList();
            var json = new JsonObject { ["items"] = new JsonArray([.. page.Select(s => (JsonNode)Render(api, s, StageView.Listed))]) };
            if (start + page.Count < stages.Count)
            {
                json["nextToken"] = EncodeToken(page[^1].Name);
            }

            return ApiResult.Ok(json);
        }
    }

    public ApiResult Delete(string apiId, string stageName)
    {
        lock (target.State.Gate)
        {
            var api = target.V2Api(apiId);
            var stage = Find(api, stageName);
            api.Stages.Remove(stageName);
            if (target.Deviates(Lifecycle))
            {
                api.DeletedStages[stageName] = stage;
            }

            return ApiResult.NoContent;
        }
    }

    private static V2Stage Find(V2Api api, string stageName) =>
        api.Stages.TryGetValue(stageName, out var stage)
            ? stage
            : throw ApiException.NotFound("Invalid stage identifier specified", resourceType: "Stage");

    private V2Api ApiForCreate(string apiId)
    {
        if (target.Deviates(ApiNotFound) && !target.State.V2Apis.ContainsKey(apiId))
        {
            throw ApiException.BadRequest("Invalid API identifier specified");
        }

        return target.V2Api(apiId);
    }

    private int PageSize(string? maxResults)
    {
        if (maxResults is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(maxResults, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0)
        {
            return size;
        }

        return target.Deviates(StagesMaxResults)
            ? DefaultPageSize
            : throw ApiException.BadRequest($"Invalid maxResults '{maxResults}': it must be a positive whole number");
    }

    /// <summary>The value rules, in order: name, description, execution logs, variables, deployment.</summary>
    private void CheckValues(V2Api api, V2CreateStageRequest request, string stageName)
    {
        CheckStageName(stageName);
        if (!target.Deviates(DescriptionLength) && request.Description is { } description && description.EnumerateRunes().Count() > MaxDescriptionLength)
        {
            throw ApiException.BadRequest($"Description must be at most {MaxDescriptionLength} characters long");
        }

        var levels = request.LoggingLevels.ToList();
        if (request.SetsExecutionLogs && api.ProtocolType == V2ProtocolType.Http && !target.Deviates(LoggingLevelHttpUnsupported))
        {
            throw ApiException.BadRequest("Execution logs are not supported on protocolType HTTP");
        }

        if (!target.Deviates(LoggingLevelEnum) && levels.FirstOrDefault(l => !LoggingLevels.Contains(l)) is { } level)
        {
            throw ApiException.BadRequest($"Invalid logging level '{level}': use one of {string.Join(", ", LoggingLevels)}");
        }

        StageRules.CheckVariables(request.StageVariables, names: !target.Deviates(StageVariablesName), values: !target.Deviates(StageVariablesValue));
        if (request.DeploymentId is { } deploymentId && !target.Deviates(DeploymentIdExists) && !api.Deployments.ContainsKey(deploymentId))
        {
            throw ApiException.BadRequest($"Invalid deployment identifier specified: {deploymentId}");
        }
    }

    private void CheckStageName(string name)
    {
        var length = name.EnumerateRunes().Count();
        if (length == 0 || (length > MaxStageNameLength && !target.Deviates(StageNameLength)))
        {
            throw ApiException.BadRequest($"Stage name must be between 1 and {MaxStageNameLength} characters long");
        }

        var isDefault = name == DefaultStageName && !target.Deviates(StageNameDefault);
        if (!isDefault && !target.Deviates(StageNameCharset) && !StageName().IsMatch(name))
        {
            throw ApiException.BadRequest("Stage name must contain only alphanumeric characters, hyphens and underscores, or be $default");
        }
    }

    private JsonObject Render(V2Api api, V2Stage stage, StageView view)
    {
        var json = new JsonObject { ["stageName"] = stage.Name };
        if (stage.Description is not null && !(view == StageView.Created && target.Deviates(Echo)))
        {
            json["description"] = stage.Description;
        }

        if (stage.DeploymentId is not null)
        {
            json["deploymentId"] = stage.DeploymentId;
        }

        if (stage.ClientCertificateId is not null)
        {
            json["clientCertificateId"] = stage.ClientCertificateId;
        }

        json["defaultRouteSettings"] = RouteSettingsJson(stage.DefaultRouteSettings, api.ProtocolType == V2ProtocolType.WebSocket ? WebSocketDefaults : HttpDefaults);
        var routeSettings = new JsonObject(stage.RouteSettings.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)RouteSettingsJson(r.Value, NoDefaults))));
        var variables = view == StageView.Single && target.Deviates(GetAgrees) ? new JsonObject() : MapJson(stage.StageVariables);
        foreach (var (member, map) in new[] { ("routeSettings", routeSettings), ("stageVariables", variables), ("tags", MapJson(stage.Tags)) })
        {
            if (map.Count > 0 || !target.Deviates(StageShape))
            {
                json[member] = map;
            }
        }

        if (stage.AccessLogSettings is { } accessLog)
        {
            var log = new JsonObject();
            if (accessLog.DestinationArn is not null)
            {
                log["destinationArn"] = accessLog.DestinationArn;
            }

            if (accessLog.Format is not null)
            {
                log["format"] = accessLog.Format;
            }

            json["accessLogSettings"] = log;
        }

        json["createdDate"] = Timestamp(stage.CreatedDate);
        json["lastUpdatedDate"] = Timestamp(stage.LastUpdatedDate);
        return json;
    }

    // A new WebSocket stage logs nothing (OFF); an HTTP stage shows only detailedMetricsEnabled (aws-behavior.md section 3).
    private static readonly V2RouteSettings WebSocketDefaults = new(false, false, "OFF", null, null);
    private static readonly V2RouteSettings HttpDefaults = new(null, false, null, null, null);
    private static readonly V2RouteSettings NoDefaults = new(null, null, null, null, null);

    private static JsonObject RouteSettingsJson(V2RouteSettings? sent, V2RouteSettings defaults)
    {
        var json = new JsonObject();
        void Put(string name, JsonNode? value)
        {
            if (value is not null)
            {
                json[name] = value;
            }
        }

        Put("dataTraceEnabled", sent?.DataTraceEnabled ?? defaults.DataTraceEnabled);
        Put("detailedMetricsEnabled", sent?.DetailedMetricsEnabled ?? defaults.DetailedMetricsEnabled);
        Put("loggingLevel", sent?.LoggingLevel ?? defaults.LoggingLevel);
        Put("throttlingBurstLimit", sent?.ThrottlingBurstLimit ?? defaults.ThrottlingBurstLimit);
        Put("throttlingRateLimit", sent?.ThrottlingRateLimit ?? defaults.ThrottlingRateLimit);
        return json;
    }

    private JsonNode Timestamp(DateTimeOffset time) =>
        target.Deviates(Timestamps)
            ? JsonValue.Create(time.ToUnixTimeSeconds())
            : JsonValue.Create(V2Time(time));

    /// <summary>ISO-8601 in UTC to the second, as the service writes it (2020-04-06T23:23:46Z).</summary>
    public static string V2Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject MapJson(Dictionary<string, string> map) =>
        new(map.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))));

    private static string EncodeToken(string lastName) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + lastName)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string DecodeToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4)));
            return text.StartsWith("after:", StringComparison.Ordinal)
                ? text["after:".Length..]
                : throw ApiException.BadRequest("Invalid nextToken");
        }
        catch (FormatException)
        {
            throw ApiException.BadRequest("Invalid nextToken");
        }
    }

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"\A[A-Za-z0-9_-]+\z")]
    private static partial Regex StageName();
}
