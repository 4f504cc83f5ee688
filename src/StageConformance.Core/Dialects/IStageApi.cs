using System.Text.Json.Nodes;
using StageConformance.Generation;
using StageConformance.Http;

namespace StageConformance.Dialects;

/// <summary>
/// The small adapter each dialect provides: where the stage operations live, how a stage and an
/// error look on the wire, and how the suite provisions and removes what it needs.
/// </summary>
public interface IStageApi : IAsyncDisposable
{
    string Dialect { get; }

    IReferenceValues References { get; }

    TargetClient Client { get; }

    /// <summary>Creates what the checks need (an API, a deployment, ...), every name carrying the run id.</summary>
    Task ProvisionAsync(CancellationToken ct);

    Task<HttpExchange> CreateStageAsync(JsonObject body, SigningMode signing = SigningMode.Signed, TargetClient? via = null);

    /// <summary>CreateStage under a parent (API) id that does not exist.</summary>
    Task<HttpExchange> CreateStageOnMissingParentAsync(JsonObject body);

    Task<HttpExchange> GetStageAsync(string name, TargetClient? via = null);

    Task<HttpExchange> ListStagesAsync(TargetClient? via = null, bool retryThrottled = true);

    Task<HttpExchange> DeleteStageAsync(string name);

    /// <summary>The stage inside a create or get response (unwrapping an envelope where the dialect has one).</summary>
    JsonNode? StageOf(HttpExchange exchange);

    IReadOnlyList<string> StageNamesOf(HttpExchange listExchange);

    /// <summary>The error type the response names, or null when it names none.</summary>
    string? ErrorTypeOf(HttpExchange exchange);

    /// <summary>Deletes everything the run created, also after failures; returns what could not be deleted.</summary>
    Task<IReadOnlyList<string>> CleanupAsync(CancellationToken ct);

    /// <summary>What provisioning and cleanup saw: differences from the service that are not under test, resources the target could not make.</summary>
    RunLedger Ledger => new();

    /// <summary>After cleanup: what a listing of the target still shows of this run; null when the dialect has no call that lists it.</summary>
    Task<IReadOnlyList<string>?> ReadBackAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>(null);

    /// <summary>Deletes what earlier runs left, recognised by the suite's naming (<see cref="RunNaming"/>), and nothing else.</summary>
    Task<SweepResult> SweepAsync(CancellationToken ct);
}

public sealed record SweepResult(IReadOnlyList<string> Deleted, IReadOnlyList<string> Failed);
