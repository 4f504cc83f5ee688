using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Expectations;
using StageConformance.Infrastructure;

namespace StageConformance.SelfTests.Expectations;

/// <summary>
/// The WireMock fixture's gate, proven without Java on the outcomes of a real run (wiremock-run.json,
/// kept in step with the live run by .ci/wiremock.sh): green with its expectations, red without any
/// one of them, and red naming the requirement a stub models when that stub breaks.
/// </summary>
public sealed class WiremockExpectationsTests
{
    private static readonly CannedGateRun Canned = new("wiremock");

    private static readonly string MappingsPath = Path.Combine(RepositoryPaths.Fixtures, "wiremock", "mappings");

    private static ExpectationSet Expectations => Canned.Expectations;

    private static IReadOnlyList<CheckResult> CannedRun => Canned.Results;

    public static IEnumerable<TestCaseData> EveryExpectation() =>
        Canned.AllEntries
            .Select(e => new TestCaseData(e.Key).SetName($"Without_the_expectation_{e.Key}_the_run_is_red"));

    public static IEnumerable<TestCaseData> EveryRejectingStub() =>
        Mappings().Where(m => m.Status is 400).Select(m => new TestCaseData(m.File, m.Requirement).SetName($"Breaking_{m.File}_turns_the_run_red_naming_{m.Requirement}"));

    [Test]
    public void The_canned_run_is_green_with_the_checked_in_expectations()
    {
        var gate = ExpectationGate.Summarize(CannedRun, Expectations);

        Assert.That(gate.Passed, string.Join("\n", gate.Lines()));
        Assert.That(gate.UnexpectedPasses, Is.Empty, "every expectation still describes the run");
        Assert.That(gate.Count(GateVerdict.ExpectedFailure), Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(EveryExpectation))]
    public void Without_one_expectation_the_run_is_red_naming_what_it_covered(string key)
    {
        Canned.AssertRedWithout(key);
    }

    [TestCaseSource(nameof(EveryRejectingStub))]
    public void A_broken_rejecting_stub_turns_the_run_red_naming_its_requirement(string file, string requirement)
    {
        // Without the stub the request falls through to the 201 (or 200) stub: each check of the requirement that passed then fails under it.
        var broken = CannedRun.Select(r => r.Requirement == requirement && r.Kind is "violation" or "property" or "behaviour" && r.Outcome == Outcome.Passed
            ? r with { Outcome = Outcome.Failed, Expected = "status 400", Observed = "status 201" }
            : r).ToList();

        var gate = ExpectationGate.Summarize(broken, Expectations);

        Assert.That(CannedRun.Any(r => r.Requirement == requirement && r.Kind is "violation" or "behaviour" && r.Outcome == Outcome.Passed),
            $"{file} models {requirement}, but no rejection check of it passes in the run");
        Assert.That(gate.Passed, Is.False, $"an expectation hides {requirement}, so a broken {file} would go unnoticed");
        Assert.That(gate.BrokenRequirements, Is.EqualTo(new[] { requirement }));
    }

    [Test]
    public void Every_stub_has_a_unique_id_and_names_only_known_requirements()
    {
        var mappings = Mappings();
        var known = KnownIds.Current();

        Assert.That(mappings.Select(m => m.Id), Is.Unique);
        Assert.That(mappings.Where(m => m.Requirement is not null).Select(m => m.Requirement).Where(r => !known.Requirements.Contains(r!)), Is.Empty);
        Assert.That(mappings.Where(m => m.Status >= 400).Where(m => m.Requirement is null).Select(m => m.File), Is.Empty, "an error stub names the requirement it models");
    }

    [Test]
    public void The_canned_run_names_only_current_checks()
    {
        var known = KnownIds.Current();

        Assert.That(CannedRun.Select(r => r.Id).Where(id => !known.Checks.Contains(id)), Is.Empty,
            "refresh wiremock-run.json from a live run (.ci/wiremock.sh says how)");
    }

    private sealed record Mapping(string File, string Id, int Status, string? Requirement);

    private static List<Mapping> Mappings() =>
        Directory.GetFiles(MappingsPath, "*.json").Order(StringComparer.Ordinal).Select(path =>
        {
            var stub = JsonNode.Parse(File.ReadAllText(path))!;
            return new Mapping(
                Path.GetFileNameWithoutExtension(path),
                stub["id"]!.GetValue<string>(),
                stub["response"]!["status"]!.GetValue<int>(),
                stub["metadata"]?["requirement"]?.GetValue<string>());
        }).ToList();
}
