using StageConformance.Http;

namespace StageConformance.Dialects.AwsRestV1;

/// <summary>DeleteDeployment, for the check that a deployment a stage points at cannot be deleted.</summary>
public sealed partial class AwsRestV1StageApi
{
    public Task<HttpExchange> DeleteDeploymentAsync(string deploymentId) =>
        client.SendAsync(HttpMethod.Delete, $"/restapis/{RestApiId}/deployments/{Uri.EscapeDataString(deploymentId)}");

    public Task<HttpExchange> GetDeploymentAsync(string deploymentId) =>
        client.SendAsync(HttpMethod.Get, $"/restapis/{RestApiId}/deployments/{Uri.EscapeDataString(deploymentId)}");
}
