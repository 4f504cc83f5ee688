using System.Text.Json.Nodes;
using FsCheck.Fluent;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Configuration;
using StageConformance.Generation;

namespace StageConformance.SelfTests.Generation;

/// <summary>The generators agree with the validator: valid data validates clean, and each violation breaks its own requirement only.</summary>
public sealed class GeneratorValidatorAgreementTests
{
    private sealed class FakeReferences : IReferenceValues
    {
        public string Existing(string resource) => "existing-" + resource;

        public string Missing(string resource) => "missing-" + resource;
    }

    public static IEnumerable<string> Dialects => DialectNames.Implemented;

    [TestCaseSource(nameof(Dialects))]
    public void Generated_valid_requests_have_no_schema_violations(string dialect)
    {
        var contract = DialectContract.Load(dialect);
        var samples = contract.Request.Valid(new FakeReferences()).Generator.Sample(300, 40);

        var invalid = samples.Select(s => (s, contract.RequestSchema.Validate(s))).Where(p => p.Item2.Count > 0).ToList();

        Assert.That(invalid.Select(p => $"{p.s.ToJsonString()} -> {string.Join("; ", p.Item2)}"), Is.Empty);
    }

    [TestCaseSource(nameof(Dialects))]
    public void Minimal_request_has_no_schema_violations(string dialect)
    {
        var contract = DialectContract.Load(dialect);

        Assert.That(contract.RequestSchema.Validate(contract.Request.Minimal(new FakeReferences())), Is.Empty);
    }

    public static IEnumerable<TestCaseData> Probes() =>
        DialectNames.Implemented.SelectMany(d => DialectContract.Load(d).Request.Probes.Select(p => new TestCaseData(d, p.Id).SetName("Probe_" + p.Id)));

    [TestCaseSource(nameof(Probes))]
    public void A_probe_breaks_only_its_own_requirement_or_none(string dialect, string probeId)
    {
        var contract = DialectContract.Load(dialect);
        var probe = contract.Request.Probes.Single(p => p.Id == probeId);
        var body = probe.Apply(contract.Request.Minimal(new FakeReferences()), new FakeReferences());

        // A value of the wrong type cannot be one of an enum's values either: that co-violation is inherent.
        var violations = contract.RequestSchema.Validate(body);
        var requirements = violations.Where(v => !(probe.Id.Contains("/type:", StringComparison.Ordinal) && v.Keyword is "enum" or "const"))
            .Select(v => v.Requirement).Distinct().ToList();

        var referential = contract.Request.Root.Json.ToJsonString().Contains($"\"requirement\":\"{probe.Requirement}\"", StringComparison.Ordinal);
        if (probe.Expectation == Expectation.Accepted || referential)
        {
            Assert.That(requirements, Is.Empty, body.ToJsonString());
        }
        else
        {
            Assert.That(requirements, Is.EqualTo(new[] { probe.Requirement }), body.ToJsonString());
        }
    }

    [Test]
    public void An_unsupported_pattern_fails_loudly_when_the_schema_loads()
    {
        const string schema = """
            {"type":"object","x-requirement":"r","properties":{"n":{"type":"string","pattern":"^a(b|c)$","x-identity":true}}}
            """;

        Assert.Throws<InvalidDataException>(() => RequestModel.Parse(schema));
    }
}
