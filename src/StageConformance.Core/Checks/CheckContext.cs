using System.Text.Json.Nodes;
using StageConformance.Configuration;
using StageConformance.Dialects;
using StageConformance.Generation;
using StageConformance.Http;
using StageConformance.Schemas;

namespace StageConformance.Checks;

/// <summary>What a check sees: the live target adapter, the dialect's schemas and the run's settings.</summary>
public sealed class CheckContext(
    IStageApi api,
    DialectContract contract,
    SuiteSettings settings,
    TargetClient? throttleProbeClient)
{
    private int counter;

    public IStageApi Api { get; } = api;

    public DialectContract Contract { get; } = contract;

    public SuiteSettings Settings { get; } = settings;

    /// <summary>The identity whose request budget a throttling probe may exhaust (the main one unless the target is embedded).</summary>
    public TargetClient ThrottleProbeClient { get; } = throttleProbeClient ?? api.Client;

    /// <summary>Every request this dialect's identities have sent so far; unchanged means the target's state is too.</summary>
    public long RequestsSent => Api.Client.RequestsSent + (ReferenceEquals(ThrottleProbeClient, Api.Client) ? 0 : ThrottleProbeClient.RequestsSent);

    /// <summary>The last stage listing and the request count right after it (checks of a dialect run one at a time).</summary>
    internal (long RequestsSent, IReadOnlySet<string> Names)? LastListing { get; set; }

    /// <summary>The replay string for the current check, when the run was asked to replay one.</summary>
    public string? Replay { get; set; }

    /// <summary>The last failure a property raised, kept so the runner can report its evidence.</summary>
    public CheckFailure? LastPropertyFailure { get; set; }

    /// <summary>A stage name unique in this run, carrying the run id, made of characters every dialect allows.</summary>
    public string UniqueName(string? suffix = null)
    {
        var n = Interlocked.Increment(ref counter);
        var name = $"sc{Settings.RunId}{n:x}";
        var max = Contract.Request.IdentitySchema.Int("maxLength") ?? 128;
        if (suffix is not null)
        {
            name = name + "-" + suffix;
        }

        return name.Length > max ? name[..max] : name;
    }

    /// <summary>
    /// Keeps a probed identity value (its length, its odd character) but makes its head unique in the
    /// run; a constant name the schema allows (such as "$default") is the value under test and stays.
    /// </summary>
    public string Uniquify(string value)
    {
        if (Contract.Request.IdentityConstants.Contains(value))
        {
            return value;
        }

        var head = UniqueName();
        return value.Length >= head.Length + 2 ? head + value[head.Length..] : value;
    }

    /// <summary>Gives the request a fresh identity unless a probe pinned it.</summary>
    public JsonObject WithFreshIdentity(JsonObject body, bool pinned)
    {
        var member = Contract.Request.IdentityMember;
        if (body[member] is JsonValue value && value.TryGetValue<string>(out var text))
        {
            body[member] = pinned ? Uniquify(text) : UniqueName(text.Length > 12 ? text[..12] : text);
        }

        return body;
    }
}
