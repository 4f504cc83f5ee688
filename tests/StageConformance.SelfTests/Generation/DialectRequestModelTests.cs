using System.Text.Json.Nodes;
using FsCheck.Fluent;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Generation;

namespace StageConformance.SelfTests.Generation;

/// <summary>
/// Every case the generators derive from a dialect's request schema agrees with the schema validator:
/// valid requests are valid, and each violation breaks exactly the requirement it is filed under.
/// (References to provisioned resources are out of the validator's sight and left to the target.)
/// </summary>
public sealed class DialectRequestModelTests
{
    public static IEnumerable<string> Dialects => DialectNames.Implemented;

    [TestCaseSource(nameof(Dialects))]
    public void Every_probe_breaks_only_its_own_requirement(string dialect)
    {
        var contract = DialectContract.Load(dialect);
        var minimal = contract.Request.Minimal(References.Instance);
        Assert.That(contract.RequestSchema.Validate(minimal), Is.Empty, minimal.ToJsonString());
        foreach (var probe in contract.Request.Probes.Where(p => !p.Id.Contains("/reference:", StringComparison.Ordinal)))
        {
            var body = probe.Apply(contract.Request.Minimal(References.Instance), References.Instance);
            ProbeJudgement.AssertBreaksOnlyItsRequirement(probe, body, contract.RequestSchema.Validate(body));
        }
    }

    [TestCaseSource(nameof(Dialects))]
    public void Generated_requests_and_their_shrinks_are_valid(string dialect)
    {
        var contract = DialectContract.Load(dialect);
        var valid = contract.Request.Valid(References.Instance);
        var samples = valid.Generator.Sample(numberOfSamples: 300, size: 20);
        foreach (var body in samples.Concat(samples.Take(30).SelectMany(valid.Shrinker)))
        {
            Assert.That(contract.RequestSchema.Validate(body), Is.Empty, body.ToJsonString());
        }
    }

    [TestCaseSource(nameof(Dialects))]
    public void A_violation_applied_to_any_valid_request_breaks_only_its_own_requirement(string dialect)
    {
        var contract = DialectContract.Load(dialect);
        var rejected = contract.Request.Probes
            .Where(p => p.Expectation == Expectation.Rejected && !p.Id.Contains("/reference:", StringComparison.Ordinal))
            .ToList();
        foreach (var (body, probe) in contract.Request.ValidWithViolation(References.Instance, rejected).Generator.Sample(numberOfSamples: 400, size: 20))
        {
            var broken = probe.Apply((JsonObject)body.DeepClone(), References.Instance);
            ProbeJudgement.AssertBreaksOnlyItsRequirement(probe, broken, contract.RequestSchema.Validate(broken));
        }
    }

    private sealed class References : IReferenceValues
    {
        public static readonly References Instance = new();

        public string Existing(string resource) => "existing-" + resource;

        public string Missing(string resource) => "zzmissing";
    }
}
