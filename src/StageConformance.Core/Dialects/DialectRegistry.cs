using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Dialects.AwsHttpV2;
using StageConformance.Dialects.AwsRestV1;
using StageConformance.Dialects.Ncp;
using StageConformance.Http;
using StageConformance.Running;

namespace StageConformance.Dialects;

/// <summary>
/// The one place a dialect is wired in: its adapter, its signer and any checks beyond the generic
/// create-stage ones. Adding a dialect adds one entry here plus its folder under schemas/.
/// </summary>
public static class DialectRegistry
{
    public static IStageApi CreateApi(string dialect, TargetClient client, SuiteSettings settings) => dialect switch
    {
        DialectNames.AwsRestV1 => new AwsRestV1StageApi(
            client, settings.RunId, settings.Kind == TargetKind.Remote ? AwsRestV1StageApi.AwsDeploymentSpacing : TimeSpan.Zero),
        DialectNames.AwsHttpV2 => new AwsHttpV2StageApi(client, settings.RunId, DialectContract.Load(dialect).Request),
        DialectNames.Ncp => new NcpStageApi(client, settings.RunId),
        _ => throw new ConfigurationException($"no adapter for dialect '{dialect}'"),
    };

    /// <summary>The signer for a dialect, or null when the endpoint has no credentials for it.</summary>
    public static IRequestSigner? CreateSigner(string dialect, TargetCredentials? credentials, SuiteSettings settings) => dialect switch
    {
        DialectNames.AwsRestV1 or DialectNames.AwsHttpV2 when credentials?.Aws is { } aws => new SigV4RequestSigner(aws, settings.Region, "apigateway"),
        DialectNames.Ncp when credentials?.Ncp is { } ncp => new NcpRequestSigner(ncp),
        _ => null,
    };

    /// <summary>What a run creates on the target for a dialect, said before it starts.</summary>
    public static string ResourcePlan(string dialect, string runId) => dialect switch
    {
        DialectNames.AwsRestV1 => $"rest api '{RunNaming.ParentName(runId)}' (tag {RunNaming.TagKey}={runId}) with one MOCK GET method and at most three deployments; stages under it created, updated and deleted a few at a time",
        DialectNames.AwsHttpV2 => $"HTTP API '{RunNaming.ParentName(runId)}' with a $default route and one deployment, WebSocket API '{RunNaming.ParentName(runId)}-ws' with a $default route, a second HTTP API '{RunNaming.ParentName(runId)}' for the pagination check; stages under them created and deleted a few at a time",
        _ => "resources named " + RunNaming.ParentName(runId),
    };

    /// <summary>The client-side budget against a real service of this dialect, below its documented quota.</summary>
    public static RateLimit DefaultRateLimit(string dialect) => dialect switch
    {
        _ => RateLimit.AwsControlPlane,
    };

    /// <summary>Checks a dialect has beyond those derived from its schemas and the generic roles.</summary>
    public static IEnumerable<Check> ExtraChecks(DialectContract contract) => contract.Dialect switch
    {
        DialectNames.AwsRestV1 => Checks.AwsRestV1.CanaryChecks.For(contract).Concat(Checks.AwsRestV1.CapturedBehaviourChecks.For(contract)),
        DialectNames.AwsHttpV2 => AwsHttpV2Checks.For(contract),
        DialectNames.Ncp => NcpChecks.For(contract),
        _ => [],
    };
}
