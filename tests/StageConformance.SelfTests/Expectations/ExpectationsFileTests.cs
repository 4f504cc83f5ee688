using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Expectations;

namespace StageConformance.SelfTests.Expectations;

public sealed class ExpectationsFileTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static readonly KnownIds Known = KnownIds.Current();

    private static ExpectationSet Parse(string json) => ExpectationsFile.Parse(json, "test.json", Known, Today);

    [Test]
    public void A_file_keyed_by_check_and_requirement_ids_loads_with_every_field()
    {
        var set = Parse("""
            {
              "$schema": "../schemas/expectations.schema.json",
              "target": "an emulator 1.2",
              "expectations": {
                "v1.duplicate.conflict": { "expected": "fail", "reason": "no state", "link": "https://example.com/issues/1", "until": "2026-06-01" },
                "v1.lifecycle/property:model": { "expected": "skip", "reason": "slow" }
              }
            }
            """);

        Assert.That(set.Target, Is.EqualTo("an emulator 1.2"));
        Assert.That(set.Find("v1.duplicate.conflict"),
            Is.EqualTo(new Expectation("v1.duplicate.conflict", ExpectedOutcome.Fail, "no state", "https://example.com/issues/1", new DateOnly(2026, 6, 1))));
        Assert.That(set.Find("v1.lifecycle/property:model")!.Expected, Is.EqualTo(ExpectedOutcome.Skip));
        Assert.That(set.Find("v1.lifecycle/property:model")!.NamesCheck);
    }

    public static IEnumerable<TestCaseData> BadFiles()
    {
        TestCaseData Bad(string name, string json, string mentions) => new TestCaseData(json, mentions).SetName("Bad_expectations_" + name);

        yield return Bad("not_json", "{ \"expectations\": { ", "not valid JSON");
        yield return Bad("no_expectations_member", "{ \"target\": \"x\" }", "expectations");
        yield return Bad("unknown_top_level_member", "{ \"expectations\": {}, \"targets\": 1 }", "targets");
        yield return Bad("expected_neither_fail_nor_skip", """{ "expectations": { "v1.types": { "expected": "flaky", "reason": "r" } } }""", "/expectations/v1.types/expected");
        yield return Bad("missing_reason", """{ "expectations": { "v1.types": { "expected": "fail" } } }""", "reason");
        yield return Bad("empty_reason", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "" } } }""", "/expectations/v1.types/reason");
        yield return Bad("unknown_entry_member", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "because": "x" } } }""", "because");
        yield return Bad("link_not_a_url", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "link": "ticket 12" } } }""", "/expectations/v1.types/link");
        yield return Bad("unknown_requirement", """{ "expectations": { "v1.stageName.colour": { "expected": "fail", "reason": "r" } } }""", "'v1.stageName.colour' is not a requirement id");
        yield return Bad("unknown_check", """{ "expectations": { "v1.types/stageName/type:sent-as-42": { "expected": "fail", "reason": "r" } } }""", "'v1.types/stageName/type:sent-as-42' is not a check id");
        yield return Bad("until_not_a_date", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "until": "2026-02-30" } } }""", "not a date");
        yield return Bad("until_malformed", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "until": "next week" } } }""", "/expectations/v1.types/until");
        yield return Bad("expired", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "until": "2026-05-31" } } }""", "'v1.types' expired on 2026-05-31");
        yield return Bad("duplicate_key", """{ "expectations": { "v1.types": { "expected": "fail", "reason": "a" }, "v1.types": { "expected": "skip", "reason": "b" } } }""", "'v1.types' appears twice");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void A_bad_file_stops_the_run_with_one_line_naming_the_file_and_the_problem(string json, string mentions)
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse(json))!;

        Assert.That(error.Message, Does.StartWith("expectations file test.json: "));
        Assert.That(error.Message, Does.Contain(mentions));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void An_entry_holds_through_its_until_day()
    {
        var set = Parse("""{ "expectations": { "v1.types": { "expected": "fail", "reason": "r", "until": "2026-06-01" } } }""");

        Assert.That(set.Find("v1.types")!.Until, Is.EqualTo(Today));
    }

    [Test]
    public void Serialize_writes_what_Parse_reads_ordered_by_key()
    {
        Expectation[] entries =
        [
            new("v1.types", ExpectedOutcome.Skip, "r \"quoted\" & <angled>", "https://example.com/1", new DateOnly(2027, 1, 2)),
            new("v1.duplicate.conflict", ExpectedOutcome.Fail, "no state"),
        ];

        var text = ExpectationsFile.Serialize(entries, "target", "../schemas/expectations.schema.json");
        var set = Parse(text);

        Assert.That(set.All, Is.EquivalentTo(entries));
        Assert.That(text.IndexOf("v1.duplicate.conflict", StringComparison.Ordinal), Is.LessThan(text.IndexOf("v1.types", StringComparison.Ordinal)));
        Assert.That(text, Does.Contain("& <angled>"), "written for people: no needless escapes");
    }

    [Test]
    public void The_run_setting_selects_the_file_and_the_environment_overrides_it()
    {
        var fromParameter = SettingsLoader.Load(new Dictionary<string, string> { ["expectations"] = "fixtures/wiremock/expectations.json" }, new Dictionary<string, string>());
        var empty = WriteTemporary("""{ "expectations": {} }""");
        var fromEnvironment = SettingsLoader.Load(
            new Dictionary<string, string> { ["expectations"] = "fixtures/wiremock/expectations.json" },
            new Dictionary<string, string> { ["STAGECONF_EXPECTATIONS"] = empty });

        Assert.That(fromParameter.Expectations.Source, Is.EqualTo("fixtures/wiremock/expectations.json"));
        Assert.That(fromParameter.Expectations.Count, Is.GreaterThan(0));
        Assert.That(fromEnvironment.Expectations.Count, Is.Zero);
        Assert.That(SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>()).Expectations, Is.SameAs(ExpectationSet.None));
    }

    [Test]
    public void A_missing_file_named_by_the_setting_stops_the_run_with_one_line()
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(
            new Dictionary<string, string>(), new Dictionary<string, string> { ["STAGECONF_EXPECTATIONS"] = "fixtures/nowhere.json" }))!;

        Assert.That(error.Message, Does.StartWith("STAGECONF_EXPECTATIONS='fixtures/nowhere.json': no such file"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_bad_file_named_by_the_setting_names_the_file_relative_to_the_repository()
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(
            new Dictionary<string, string>(), new Dictionary<string, string> { ["STAGECONF_EXPECTATIONS"] = "schemas/aws-rest-v1/requirements.json" }))!;

        Assert.That(error.Message, Does.StartWith("expectations file schemas/aws-rest-v1/requirements.json: "));
    }

    private static string WriteTemporary(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stageconf-expectations-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
