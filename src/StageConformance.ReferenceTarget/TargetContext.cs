using System.Security.Cryptography;

namespace StageConformance.ReferenceTarget;

/// <summary>What the operations of one running target share: its options, its state and its one deviation.</summary>
internal sealed class TargetContext(ReferenceTargetOptions options)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public ReferenceTargetOptions Options { get; } = options;

    public TargetState State { get; } = new();

    public FaultCounters Faults { get; } = new();

    public bool Deviates(string mutantId) => Options.Mutant == mutantId;

    public static string NewId(int length = 10) => RandomNumberGenerator.GetString(IdAlphabet, length);

    public static DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <summary>Looks up a rest api; the caller holds the state's gate.</summary>
    public RestApi Api(string restApiId) =>
        State.Apis.TryGetValue(restApiId, out var api)
            ? api
            : throw ApiException.NotFound($"Invalid API identifier specified {Options.AccountId}:{restApiId}");

    /// <summary>Looks up an HTTP or WebSocket API; the caller holds the state's gate.</summary>
    public V2Api V2Api(string apiId) =>
        State.V2Apis.TryGetValue(apiId, out var api)
            ? api
            : throw ApiException.NotFound($"Invalid API identifier specified {Options.AccountId}:{apiId}", resourceType: "Api");
}
