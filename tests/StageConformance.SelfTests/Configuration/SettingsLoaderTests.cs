using NUnit.Framework;
using StageConformance.Configuration;

namespace StageConformance.SelfTests.Configuration;

public sealed class SettingsLoaderTests
{
    private static readonly Dictionary<string, string> NoParameters = [];

    public static IEnumerable<TestCaseData> BadConfigurations()
    {
        TestCaseData Bad(string name, Dictionary<string, string> env, string mentions, Dictionary<string, string>? parameters = null) =>
            new TestCaseData(parameters ?? NoParameters, env, mentions).SetName("Bad_configuration_" + name);

        yield return Bad("url_without_scheme", new() { ["STAGECONF_BASE_URL"] = "127.0.0.1:4566", ["STAGECONF_DIALECTS"] = "aws-rest-v1" }, "STAGECONF_BASE_URL");
        yield return Bad("url_with_ftp_scheme", new() { ["STAGECONF_BASE_URL"] = "ftp://127.0.0.1", ["STAGECONF_DIALECTS"] = "aws-rest-v1" }, "http(s)");
        yield return Bad("url_with_query", new() { ["STAGECONF_BASE_URL"] = "http://127.0.0.1:4566/?a=b", ["STAGECONF_DIALECTS"] = "aws-rest-v1" }, "query");
        yield return Bad("url_without_dialects", new() { ["STAGECONF_BASE_URL"] = "http://127.0.0.1:4566" }, "STAGECONF_DIALECTS");
        yield return Bad("unknown_dialect", new() { ["STAGECONF_DIALECTS"] = "aws-rest-v3" }, "aws-rest-v3");
        yield return Bad("empty_dialect_list", new() { ["STAGECONF_DIALECTS"] = " , " }, "STAGECONF_DIALECTS");
        yield return Bad("remote_without_credentials", new() { ["STAGECONF_BASE_URL"] = "https://apigateway.us-east-1.amazonaws.com", ["STAGECONF_DIALECTS"] = "aws-rest-v1" }, "AWS_ACCESS_KEY_ID");
        yield return Bad("access_key_without_secret", new() { ["AWS_ACCESS_KEY_ID"] = "AKID" }, "AWS_SECRET_ACCESS_KEY");
        yield return Bad("secret_without_access_key", new() { ["AWS_SECRET_ACCESS_KEY"] = "s" }, "AWS_ACCESS_KEY_ID");
        yield return Bad("session_token_alone", new() { ["AWS_SESSION_TOKEN"] = "t" }, "AWS_SESSION_TOKEN");
        yield return Bad("non_numeric_property_cases", new() { ["STAGECONF_PROPERTY_CASES"] = "many" }, "STAGECONF_PROPERTY_CASES");
        yield return Bad("zero_property_cases", new() { ["STAGECONF_PROPERTY_CASES"] = "0" }, "STAGECONF_PROPERTY_CASES");
        yield return Bad("malformed_replay", new() { ["STAGECONF_REPLAY"] = "some-check=12" }, "STAGECONF_REPLAY");
        yield return Bad("replay_with_even_gamma", new() { ["STAGECONF_REPLAY"] = "v1.create.status/property:valid-requests=123,456,7" }, "odd");
        yield return Bad("replay_of_an_unknown_check", new() { ["STAGECONF_REPLAY"] = "v1.tags.nope/property:x=12,35,5" }, "'v1.tags.nope/property:x', which is no check of this suite");
        yield return Bad("replay_of_a_check_that_is_no_property", new() { ["STAGECONF_REPLAY"] = "v1.duplicate.conflict/second-create=12,35,5" }, "not a property check");
        yield return Bad("unknown_category", new() { ["STAGECONF_CATEGORIES"] = "chaos" }, "chaos");
        yield return Bad("real_aws_without_opt_in", new() { ["STAGECONF_BASE_URL"] = "https://apigateway.eu-west-1.amazonaws.com", ["STAGECONF_DIALECTS"] = "aws-rest-v1", ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = "s" }, "STAGECONF_ALLOW_REAL_CLOUD");
        yield return Bad("real_ncp_without_opt_in", new() { ["STAGECONF_BASE_URL"] = "https://apigateway.apigw.ntruss.com", ["STAGECONF_DIALECTS"] = "aws-rest-v1", ["AWS_ACCESS_KEY_ID"] = "AKID", ["AWS_SECRET_ACCESS_KEY"] = "s" }, "STAGECONF_ALLOW_REAL_CLOUD");
        yield return Bad("non_numeric_rate_limit", new() { ["STAGECONF_RATE_LIMIT"] = "fast" }, "STAGECONF_RATE_LIMIT");
        yield return Bad("zero_burst_rate_limit", new() { ["STAGECONF_RATE_LIMIT"] = "5,0" }, "STAGECONF_RATE_LIMIT");
        yield return Bad("non_numeric_timeout", new() { ["STAGECONF_TIMEOUT_SECONDS"] = "soon" }, "STAGECONF_TIMEOUT_SECONDS");
        yield return Bad("run_id_with_capitals", new() { ["STAGECONF_RUN_ID"] = "MyRun" }, "STAGECONF_RUN_ID");
        yield return Bad("allow_real_cloud_not_a_boolean", new() { ["STAGECONF_ALLOW_REAL_CLOUD"] = "maybe" }, "STAGECONF_ALLOW_REAL_CLOUD");
        yield return Bad("bad_url_in_runsettings", [], "STAGECONF_BASE_URL", new() { ["baseUrl"] = "localhost", ["dialects"] = "aws-rest-v1" });
    }

    [TestCaseSource(nameof(BadConfigurations))]
    public void A_bad_configuration_stops_with_one_line_naming_the_setting(Dictionary<string, string> parameters, Dictionary<string, string> environment, string mentions)
    {
        var error = Assert.Throws<ConfigurationException>(() => SettingsLoader.Load(parameters, environment))!;

        Assert.That(error.Message, Does.Contain(mentions));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_replay_is_accepted_as_printed_whole_or_as_its_value()
    {
        const string Id = "v1.create.status/property:valid-requests";
        foreach (var printed in new[] { $"STAGECONF_REPLAY='{Id}=12,35,5'", $"'{Id}=12,35,5'", $"{Id}=12,35,5", $"STAGECONF_REPLAY=\"{Id}=12,35,5\"" })
        {
            var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["STAGECONF_REPLAY"] = printed });

            Assert.That(settings.Replays, Is.EqualTo(new Dictionary<string, string> { [Id] = "12,35,5" }), printed);
        }

        var fromRunSettings = SettingsLoader.Load(new Dictionary<string, string> { ["replay"] = $"STAGECONF_REPLAY='{Id}=12,35,5'" }, NoParameters);
        Assert.That(fromRunSettings.Replays.Keys, Is.EqualTo(new[] { Id }));
    }

    [Test]
    public void Every_replay_the_readme_shows_is_accepted()
    {
        var readme = File.ReadAllText(Path.Combine(StageConformance.Infrastructure.RepositoryPaths.Root, "README.md"));
        var examples = System.Text.RegularExpressions.Regex.Matches(readme, "STAGECONF_REPLAY='[^']*=[0-9]+,[0-9]+,[0-9]+'").Select(m => m.Value).ToList();

        Assert.That(examples, Is.Not.Empty);
        foreach (var example in examples)
        {
            Assert.DoesNotThrow(() => SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["STAGECONF_REPLAY"] = example }), example);
        }
    }

    [Test]
    public void No_settings_mean_the_embedded_target_and_every_implemented_dialect()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string>());

        Assert.That(settings.Kind, Is.EqualTo(TargetKind.Embedded));
        Assert.That(settings.Dialects, Is.EquivalentTo(DialectNames.Implemented));
        Assert.That(settings.RunId, Has.Length.EqualTo(6));
    }

    [Test]
    public void Environment_overrides_run_settings()
    {
        var settings = SettingsLoader.Load(new Dictionary<string, string> { ["baseUrl"] = "http://127.0.0.1:1111", ["dialects"] = "aws-rest-v1", ["propertyCases"] = "3" },
            new Dictionary<string, string> { ["STAGECONF_BASE_URL"] = "http://127.0.0.1:2222", ["STAGECONF_PROPERTY_CASES"] = "7" });

        Assert.That(settings.BaseUrl!.Port, Is.EqualTo(2222));
        Assert.That(settings.PropertyCases, Is.EqualTo(7));
        Assert.That(settings.Kind, Is.EqualTo(TargetKind.Loopback));
    }

    [Test]
    public void A_loopback_target_without_credentials_gets_the_emulator_default()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["STAGECONF_BASE_URL"] = "http://localhost:4566", ["STAGECONF_DIALECTS"] = "aws-rest-v1" });

        Assert.That(settings.AwsCredentials, Is.EqualTo(SettingsLoader.LoopbackDefaultCredentials));
    }

    [Test]
    public void A_remote_target_gets_few_property_cases_by_default()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string>
        {
            ["STAGECONF_BASE_URL"] = "https://apigateway.us-east-1.amazonaws.com",
            ["STAGECONF_DIALECTS"] = "aws-rest-v1",
            ["STAGECONF_ALLOW_REAL_CLOUD"] = "true",
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
        });

        Assert.That(settings.Kind, Is.EqualTo(TargetKind.Remote));
        Assert.That(settings.PropertyCases, Is.EqualTo(5));
    }

    [Test]
    public void A_real_cloud_host_runs_with_the_opt_in_and_a_budget_below_the_quota()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string>
        {
            ["STAGECONF_BASE_URL"] = "https://apigateway.us-east-1.amazonaws.com",
            ["STAGECONF_DIALECTS"] = "aws-rest-v1",
            ["STAGECONF_ALLOW_REAL_CLOUD"] = "true",
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
        });

        Assert.That(settings.RateLimitFor("aws-rest-v1")!.RequestsPerSecond, Is.LessThan(10));
        Assert.That(settings.RateLimitFor("aws-rest-v1")!.Burst, Is.LessThan(40));
    }

    [Test]
    public void Targets_on_this_machine_get_no_budget_unless_one_is_set()
    {
        Assert.That(SettingsLoader.Load(NoParameters, new Dictionary<string, string>()).RateLimitFor("aws-rest-v1"), Is.Null);
        var limited = SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["STAGECONF_RATE_LIMIT"] = "2.5,4" });
        Assert.That(limited.RateLimitFor("aws-rest-v1"), Is.EqualTo(new global::StageConformance.Http.RateLimit(2.5, 4)));
    }

    [Test]
    public void Credentials_never_print_their_secret()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDVISIBLE", ["AWS_SECRET_ACCESS_KEY"] = "SECRET-MUST-NOT-SHOW", ["AWS_SESSION_TOKEN"] = "TOKEN-MUST-NOT-SHOW" });

        Assert.That(settings.ToString(), Does.Not.Contain("SECRET-MUST-NOT-SHOW").And.Not.Contain("TOKEN-MUST-NOT-SHOW"));
    }
}
