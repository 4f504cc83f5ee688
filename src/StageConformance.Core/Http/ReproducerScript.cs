using System.Text;
using StageConformance.Configuration;
using StageConformance.Dialects;
using StageConformance.Dialects.AwsHttpV2;

namespace StageConformance.Http;

/// <summary>
/// A self-contained bash script per failure (<c>reproducers/&lt;check&gt;.sh</c>): the run deletes what it
/// made, so a bare curl of the failing request would meet a 404. The script creates what the request
/// needs (parent API and deployment, named like a run of the suite so a sweep finds them), sends the
/// request, prints the answer beside the expectation, and deletes what it created, also on Ctrl-C.
/// Credentials appear only as environment references. It recreates parents, not stages an earlier
/// step of the check made: a failure that depends on those shows the request against fresh parents.
/// </summary>
public static class ReproducerScript
{
    /// <summary>The script file name for a check id: its characters outside [A-Za-z0-9._-] become '_'.</summary>
    public static string FileName(string checkId)
    {
        var name = new StringBuilder(checkId.Length + 3);
        foreach (var c in checkId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return name.Append(".sh").ToString();
    }

    /// <param name="baseUrl">The target's base URL as the run used it (with any base path).</param>
    public static string Build(
        HttpExchange failing, IStageApi api, Uri baseUrl, SuiteSettings settings, string checkId, string requirement, string? expected, string? observed)
    {
        var dialect = api.Dialect;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var steps = Setup(dialect, failing, api, names);
        var request = Reproducer.Curl(failing, api.Client.Signer) + " -w '\\n--- status %{http_code}\\n'";
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        request = request.Replace("'" + root, "\"$base\"'", StringComparison.Ordinal);
        foreach (var (id, variable) in names.OrderByDescending(n => n.Key.Length))
        {
            request = request.Replace(id, $"'\"${variable}\"'", StringComparison.Ordinal);
        }

        var script = new StringBuilder();
        script.Append("#!/usr/bin/env bash\n");
        script.Append($"# Reproduces {checkId} of stage conformance run {settings.RunId} ({dialect}): {requirement} broken.\n");
        script.Append("# Creates what the request needs, sends it, prints the answer beside the expectation, deletes what it created.\n");
        script.Append($"# Needs bash and curl{(dialect == DialectNames.Ncp ? ", openssl and base64" : " 7.75 or later (--aws-sigv4)")}; the target from STAGECONF_BASE_URL (default: the run's).\n");
        script.Append("set -uo pipefail\n");
        script.Append($"base=${{STAGECONF_BASE_URL:-{Shell.Quote(root)}}}\nbase=${{base%/}}\n");
        script.Append(dialect == DialectNames.Ncp ? NcpCall : AwsCall(settings.Region));
        script.Append("field() { grep -o \"\\\"$1\\\" *: *\\\"[^\\\"]*\\\"\" | head -n 1 | sed 's/.*: *\"\\(.*\\)\"/\\1/'; }\n");
        script.Append("need() { [ -n \"$2\" ] || { echo \"reproducer: $1 failed; is the target up and are the credentials set?\" >&2; exit 2; }; }\n");
        script.Append($"name={Shell.Quote(RunNaming.ParentName(settings.RunId))}\n");
        script.Append(steps);
        script.Append($"echo {Shell.Quote($"--- the request {checkId} sent:")}\n");
        script.Append(request).Append('\n');
        script.Append($"echo {Shell.Quote("--- expected: " + OneLine(expected))}\n");
        script.Append($"echo {Shell.Quote($"--- observed in run {settings.RunId}: " + OneLine(observed))}\n");
        return script.ToString();
    }

    private static string OneLine(string? text) => (text ?? "(not recorded)").ReplaceLineEndings(" ");

    private static string AwsCall(string region) =>
        ": \"${AWS_ACCESS_KEY_ID:?export AWS_ACCESS_KEY_ID (an emulator on this machine takes test)}\" \"${AWS_SECRET_ACCESS_KEY:?export AWS_SECRET_ACCESS_KEY}\"\n"
        + $"region=${{AWS_REGION:-{Shell.Quote(region)}}}\n"
        + "call() {\n"
        + "  local args=(-sS -X \"$1\" \"$base$2\" --aws-sigv4 \"aws:amz:$region:apigateway\" --user \"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\" -H 'Content-Type: application/json')\n"
        + "  if [ -n \"${AWS_SESSION_TOKEN:-}\" ]; then args+=(-H \"X-Amz-Security-Token: $AWS_SESSION_TOKEN\"); fi\n"
        + "  if [ $# -ge 3 ]; then args+=(--data-raw \"$3\"); fi\n"
        + "  curl \"${args[@]}\"\n"
        + "}\n";

    private const string NcpCall =
        ": \"${NCLOUD_ACCESS_KEY:?export NCLOUD_ACCESS_KEY (an emulator on this machine takes test)}\" \"${NCLOUD_SECRET_KEY:?export NCLOUD_SECRET_KEY}\"\n"
        + "prefix=$(printf '%s' \"$base\" | sed -E 's#^[a-zA-Z]+://[^/]+##')\n"
        + "call() {\n"
        + "  local ts sig\n"
        + "  ts=$(( $(date +%s) * 1000 ))\n"
        + "  sig=$(printf '%s %s\\n%s\\n%s' \"$1\" \"$prefix$2\" \"$ts\" \"$NCLOUD_ACCESS_KEY\" | openssl dgst -sha256 -hmac \"$NCLOUD_SECRET_KEY\" -binary | base64)\n"
        + "  local args=(-sS -X \"$1\" \"$base$2\" -H \"x-ncp-apigw-timestamp: $ts\" -H \"x-ncp-iam-access-key: $NCLOUD_ACCESS_KEY\" -H \"x-ncp-apigw-signature-v2: $sig\" -H 'Content-Type: application/json')\n"
        + "  if [ $# -ge 3 ]; then args+=(--data-raw \"$3\"); fi\n"
        + "  curl \"${args[@]}\"\n"
        + "}\n";

    /// <summary>The bash that creates the parents the failing request names, and the trap that deletes them; fills the id-to-variable map.</summary>
    private static string Setup(string dialect, HttpExchange failing, IStageApi api, Dictionary<string, string> names)
    {
        var segments = failing.Url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string? After(string segment) => Array.IndexOf(segments, segment) is var i and >= 0 && i + 1 < segments.Length ? segments[i + 1] : null;
        // The deployment only when the request names it: some targets lack CreateDeployment (moto's v2), and a request without it still reproduces there.
        var deployment = TryExisting(api, "deployment");
        var needsDeployment = deployment is not null
            && ((failing.RequestBody?.Contains(deployment, StringComparison.Ordinal) ?? false) || failing.Url.AbsoluteUri.Contains(deployment, StringComparison.Ordinal));
        if (needsDeployment)
        {
            names[deployment!] = "deployment";
        }

        var bash = new StringBuilder();
        switch (dialect)
        {
            case DialectNames.AwsRestV1:
                if (After("restapis") is { } restApi)
                {
                    names[restApi] = "api";
                }

                bash.Append("api=''\ncleanup() { if [ -n \"$api\" ]; then call DELETE \"/restapis/$api\" >/dev/null && echo \"--- deleted rest api $name ($api)\"; fi; }\ntrap cleanup EXIT\ntrap 'exit 130' INT TERM\n");
                bash.Append("api=$(call POST /restapis \"{\\\"name\\\":\\\"$name\\\",\\\"description\\\":\\\"stage conformance reproducer\\\"}\" | field id); need CreateRestApi \"$api\"\n");
                if (needsDeployment)
                {
                    bash.Append("root=$(call GET \"/restapis/$api/resources\" | field id); need GetResources \"$root\"\n");
                    bash.Append("call PUT \"/restapis/$api/resources/$root/methods/GET\" '{\"authorizationType\":\"NONE\"}' >/dev/null\n");
                    bash.Append("call PUT \"/restapis/$api/resources/$root/methods/GET/integration\" '{\"type\":\"MOCK\",\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\": 200}\"}}' >/dev/null\n");
                    bash.Append("deployment=$(call POST \"/restapis/$api/deployments\" '{\"description\":\"stage conformance reproducer\"}' | field id); need CreateDeployment \"$deployment\"\n");
                }

                break;
            case DialectNames.AwsHttpV2:
                // The same rule the adapter follows: a request with a member only WebSocket APIs take goes to the WebSocket API.
                var webSocket = JsonBody(failing) is { } body
                    && Checks.DialectContract.Load(dialect).Request.ParentsRequiredBy(body).Contains(AwsHttpV2StageApi.WebSocketParent);
                if (After("apis") is { } parent)
                {
                    names[parent] = "api";
                }

                bash.Append("api=''\ncleanup() { if [ -n \"$api\" ]; then call DELETE \"/v2/apis/$api\" >/dev/null && echo \"--- deleted API $api\"; fi; }\ntrap cleanup EXIT\ntrap 'exit 130' INT TERM\n");
                if (webSocket)
                {
                    bash.Append("api=$(call POST /v2/apis \"{\\\"name\\\":\\\"$name-ws\\\",\\\"protocolType\\\":\\\"WEBSOCKET\\\",\\\"routeSelectionExpression\\\":\\\"\\$request.body.action\\\"}\" | field apiId); need CreateApi \"$api\"\n");
                    bash.Append("call POST \"/v2/apis/$api/routes\" '{\"routeKey\":\"$default\"}' >/dev/null\n");
                }
                else
                {
                    bash.Append("api=$(call POST /v2/apis \"{\\\"name\\\":\\\"$name\\\",\\\"protocolType\\\":\\\"HTTP\\\"}\" | field apiId); need CreateApi \"$api\"\n");
                    if (needsDeployment)
                    {
                        bash.Append("call POST \"/v2/apis/$api/routes\" '{\"routeKey\":\"$default\"}' >/dev/null\n");
                        bash.Append("deployment=$(call POST \"/v2/apis/$api/deployments\" '{\"description\":\"stage conformance reproducer\"}' | field deploymentId); need CreateDeployment \"$deployment\"\n");
                    }
                }

                break;
            case DialectNames.Ncp:
                if (After("products") is { } product)
                {
                    names[product] = "product";
                }

                if (After("apis") is { } ncpApi)
                {
                    names[ncpApi] = "api";
                }

                bash.Append("product=''; api=''\ncleanup() {\n");
                bash.Append("  if [ -n \"$api\" ]; then\n");
                bash.Append("    for stage in $(call GET \"/api/v1/products/$product/apis/$api/stages\" | grep -o '\"stageId\" *: *\"[^\"]*\"' | sed 's/.*: *\"\\(.*\\)\"/\\1/'); do call DELETE \"/api/v1/products/$product/apis/$api/stages/$stage\" >/dev/null; done\n");
                bash.Append("    call DELETE \"/api/v1/products/$product/apis/$api\" >/dev/null\n  fi\n");
                bash.Append("  if [ -n \"$product\" ]; then call DELETE \"/api/v1/products/$product\" >/dev/null && echo \"--- deleted product and API $name\"; fi\n}\n");
                bash.Append("trap cleanup EXIT\ntrap 'exit 130' INT TERM\n");
                bash.Append("product=$(call POST /api/v1/products \"{\\\"productName\\\":\\\"$name\\\",\\\"subscriptionCode\\\":\\\"PROTECTED\\\"}\" | field productId); need 'Create product' \"$product\"\n");
                bash.Append("api=$(call POST \"/api/v1/products/$product/apis\" \"{\\\"apiName\\\":\\\"$name\\\"}\" | field apiId); need 'Create API' \"$api\"\n");
                break;
        }

        return bash.ToString();
    }

    private static System.Text.Json.Nodes.JsonObject? JsonBody(HttpExchange exchange)
    {
        try
        {
            return exchange.RequestBody is { } body ? System.Text.Json.Nodes.JsonNode.Parse(body) as System.Text.Json.Nodes.JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? TryExisting(IStageApi api, string resource)
    {
        try
        {
            return api.References.Existing(resource);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // not provisioned, or the target lacks it: the script then creates none
        }
    }
}
