namespace StageConformance.ReferenceTarget;

/// <summary>Everything one running target holds. All access goes through <see cref="Gate"/>.</summary>
internal sealed class TargetState
{
    public Lock Gate { get; } = new();

    public OrderedDictionary<string, RestApi> Apis { get; } = new(StringComparer.Ordinal);

    /// <summary>HTTP and WebSocket APIs (/v2/apis); their ids never collide with rest api ids in practice, but they live apart as in AWS.</summary>
    public OrderedDictionary<string, V2Api> V2Apis { get; } = new(StringComparer.Ordinal);
}

internal sealed class RestApi(string id, string name, string? description, DateTimeOffset createdDate, ApiResource root)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? Description { get; } = description;

    public DateTimeOffset CreatedDate { get; } = createdDate;

    public string RootResourceId { get; } = root.Id;

    public OrderedDictionary<string, ApiResource> Resources { get; } = new(StringComparer.Ordinal) { [root.Id] = root };

    /// <summary>In creation order, so the last one is the newest.</summary>
    public OrderedDictionary<string, Deployment> Deployments { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, Stage> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>Stages deleted while the v1.lifecycle deviation is on; they stay in GetStages.</summary>
    public List<Stage> DeletedStages { get; } = [];

    public Deployment? NewestDeployment => Deployments.Count == 0 ? null : Deployments.GetAt(Deployments.Count - 1).Value;

    public bool HasMethods => Resources.Values.Any(r => r.Methods.Count > 0);
}

internal sealed class ApiResource(string id, string path)
{
    public string Id { get; } = id;

    public string Path { get; } = path;

    public Dictionary<string, ApiMethod> Methods { get; } = new(StringComparer.Ordinal);
}

internal sealed class ApiMethod(string httpMethod, string authorizationType)
{
    public string HttpMethod { get; } = httpMethod;

    public string AuthorizationType { get; } = authorizationType;

    public Integration? Integration { get; set; }
}

internal sealed record Integration(string Type, IReadOnlyList<KeyValuePair<string, string?>>? RequestTemplates);

internal sealed record Deployment(string Id, string? Description, DateTimeOffset CreatedDate);

/// <summary>A stage; mutable because UpdateStage and canary deployments change stages in place.</summary>
internal sealed class Stage(string name, string deploymentId, DateTimeOffset createdDate)
{
    public string Name { get; } = name;

    public string DeploymentId { get; set; } = deploymentId;

    public string? Description { get; set; }

    public string? DocumentationVersion { get; set; }

    public bool CacheClusterEnabled { get; set; }

    public string? CacheClusterSize { get; set; }

    public bool TracingEnabled { get; set; }

    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    public CanarySettings? Canary { get; set; }

    public DateTimeOffset CreatedDate { get; } = createdDate;

    public DateTimeOffset LastUpdatedDate { get; set; } = createdDate;

    public bool Uses(string deploymentId) => DeploymentId == deploymentId || Canary?.DeploymentId == deploymentId;
}

internal sealed class CanarySettings(string deploymentId)
{
    public string DeploymentId { get; set; } = deploymentId;

    public double PercentTraffic { get; set; }

    public Dictionary<string, string> StageVariableOverrides { get; set; } = new(StringComparer.Ordinal);

    public bool UseStageCache { get; set; }
}
