using StageConformance.Checks;
using StageConformance.Configuration;
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
        DialectNames.AwsRestV1 => new AwsRestV1StageApi(client, settings.RunId),
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

    /// <summary>Checks a dialect has beyond those derived from its schemas and the generic roles.</summary>
    public static IEnumerable<Check> ExtraChecks(DialectContract contract) => contract.Dialect switch
    {
        DialectNames.Ncp => NcpChecks.For(contract),
        _ => [],
    };
}
