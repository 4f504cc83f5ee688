using System.Text.Json.Nodes;
using StageConformance.Http;

namespace StageConformance.Dialects.AwsRestV1;

/// <summary>What the canary checks call beyond the stage operations: CreateDeployment, UpdateStage and a filtered GetStages.</summary>
public sealed partial class AwsRestV1StageApi
{
    /// <summary>AWS's CreateDeployment quota: "1 request every 5 seconds per account" (aws-behavior.md section 5).</summary>
    public static readonly TimeSpan AwsDeploymentSpacing = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim deploymentGate = new(1, 1);
    private readonly SemaphoreSlim canaryDeploymentGate = new(1, 1);
    private DateTimeOffset lastDeploymentCall = DateTimeOffset.MinValue;

    /// <summary>None against this machine unless the target throttles CreateDeployment; then AWS's spacing from there on.</summary>
    private TimeSpan spacing = deploymentSpacing;
    private string? canaryDeploymentId;

    /// <summary>CreateDeployment, waiting first until the previous call is the spacing ago, whatever its answer was.</summary>
    /// <param name="reliably">For provisioning: a target fault is retried, as it says nothing about conformance.</param>
    public async Task<HttpExchange> CreateDeploymentAsync(JsonObject body, CancellationToken ct = default, bool reliably = false)
    {
        await deploymentGate.WaitAsync(ct);
        try
        {
            var wait = lastDeploymentCall + spacing - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            var path = $"/restapis/{RestApiId}/deployments";
            try
            {
                var answer = reliably
                    ? await client.SendReliablyAsync(HttpMethod.Post, path, body, ct)
                    : await client.SendAsync(HttpMethod.Post, path, body, ct: ct);
                if (answer.Status == 429)
                {
                    spacing = AwsDeploymentSpacing;
                }

                return answer;
            }
            catch (TargetThrottledException)
            {
                spacing = AwsDeploymentSpacing;
                throw;
            }
        }
        finally
        {
            lastDeploymentCall = DateTimeOffset.UtcNow;
            deploymentGate.Release();
        }
    }

    /// <summary>A second deployment, made on first use and shared by every canary case of the run, so a run makes few deployments.</summary>
    /// <exception cref="ProvisioningException">The target refused it.</exception>
    public async Task<string> CanaryDeploymentAsync()
    {
        await canaryDeploymentGate.WaitAsync();
        try
        {
            if (canaryDeploymentId is null)
            {
                try
                {
                    var created = await AdapterCalls.Provision(Ledger, CreateDeploymentAsync(new JsonObject { ["description"] = $"stageconf {runId} canary" }, reliably: true), 201, "CreateDeployment");
                    canaryDeploymentId = AdapterCalls.Field(created, "id", "CreateDeployment");
                }
                catch (ProvisioningException e)
                {
                    Ledger.MarkUnavailable("canary deployment", e);
                    throw e.MissingOperation ? new Checks.CheckSkipped($"needs a second deployment, which the target could not make: {e.Message}") : e;
                }
            }

            return canaryDeploymentId;
        }
        finally
        {
            canaryDeploymentGate.Release();
        }
    }

    public Task<HttpExchange> UpdateStageAsync(string name, JsonArray patchOperations) =>
        client.SendAsync(
            HttpMethod.Patch,
            $"/restapis/{RestApiId}/stages/{Uri.EscapeDataString(name)}",
            new JsonObject { ["patchOperations"] = patchOperations });

    public Task<HttpExchange> ListStagesOnDeploymentAsync(string deploymentId) =>
        client.SendAsync(HttpMethod.Get, $"/restapis/{RestApiId}/stages?deploymentId={Uri.EscapeDataString(deploymentId)}");
}
