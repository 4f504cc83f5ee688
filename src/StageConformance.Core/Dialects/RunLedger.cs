using StageConformance.Checks;
using StageConformance.Http;

namespace StageConformance.Dialects;

/// <summary>
/// What the calls around the checks saw (provisioning, cleanup): where the target differs from the
/// service without that being under test (observations for the report), and which provisioned
/// resources it could not make, so that only the checks needing one are skipped or errors.
/// </summary>
public sealed class RunLedger
{
    private readonly Dictionary<string, string> observations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProvisioningException> unavailable = new(StringComparer.Ordinal);

    /// <summary>Each difference once, in the order first seen.</summary>
    public IReadOnlyList<string> Observations
    {
        get
        {
            lock (observations)
            {
                return [.. observations.Values];
            }
        }
    }

    /// <summary>Notes an answer that differs from the service (keyed so a repeated one is noted once).</summary>
    public void Observe(string key, string text)
    {
        lock (observations)
        {
            // One line each: a quoted web page must not become markup in report.md.
            observations.TryAdd(key, text.ReplaceLineEndings(" "));
        }
    }

    /// <summary>A 2xx other than the documented one is accepted and noted.</summary>
    public void ObserveStatus(string operation, HttpExchange exchange, int documented)
    {
        if (exchange.Status != documented)
        {
            Observe($"{operation} {exchange.Status}", $"{operation} answered {exchange.Status} where the service answers {documented} (accepted, not under test): {Verdicts.Short(exchange)}");
        }
    }

    public void MarkUnavailable(string resource, ProvisioningException why)
    {
        lock (unavailable)
        {
            unavailable[resource] = why;
        }

        Observe("unavailable " + resource, $"no {resource}: {why.Message}");
    }

    /// <summary>The id of a provisioned resource; when provisioning could not make it, the check that needs it stops here.</summary>
    /// <exception cref="CheckSkipped">The target lacks an operation the resource needs.</exception>
    /// <exception cref="ProvisioningException">The target refused to make the resource.</exception>
    public string Require(string resource, string? id)
    {
        if (id is not null)
        {
            return id;
        }

        ProvisioningException? why;
        lock (unavailable)
        {
            unavailable.TryGetValue(resource, out why);
        }

        throw why is null ? new InvalidOperationException($"the {resource} is not provisioned")
            : why.MissingOperation ? new CheckSkipped($"needs the {resource}, which the target could not make: {why.Message}")
            : why;
    }

    public bool IsUnavailable(string resource)
    {
        lock (unavailable)
        {
            return unavailable.ContainsKey(resource);
        }
    }
}
