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
        yield return Bad("unknown_category", new() { ["STAGECONF_CATEGORIES"] = "chaos" }, "chaos");
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
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "secret",
        });

        Assert.That(settings.Kind, Is.EqualTo(TargetKind.Remote));
        Assert.That(settings.PropertyCases, Is.EqualTo(5));
    }

    [Test]
    public void Credentials_never_print_their_secret()
    {
        var settings = SettingsLoader.Load(NoParameters, new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIDVISIBLE", ["AWS_SECRET_ACCESS_KEY"] = "SECRET-MUST-NOT-SHOW", ["AWS_SESSION_TOKEN"] = "TOKEN-MUST-NOT-SHOW" });

        Assert.That(settings.ToString(), Does.Not.Contain("SECRET-MUST-NOT-SHOW").And.Not.Contain("TOKEN-MUST-NOT-SHOW"));
    }
}
