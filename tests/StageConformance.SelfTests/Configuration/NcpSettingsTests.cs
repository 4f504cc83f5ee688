using NUnit.Framework;
using StageConformance.Configuration;
using StageConformance.Signing;

namespace StageConformance.SelfTests.Configuration;

public sealed class NcpSettingsTests
{
    private const string Remote = "https://apigateway.apigw.ntruss.com";
    private const string Loopback = "http://127.0.0.1:4566";

    [TestCase(Remote, null, null, "no NCP credentials are set: export NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY")]
    [TestCase(Remote, "AK", null, "partial NCP credentials: NCLOUD_SECRET_KEY is missing")]
    [TestCase(Remote, null, "SK_HIDDEN", "partial NCP credentials: NCLOUD_ACCESS_KEY is missing")]
    [TestCase(Loopback, "AK", null, "partial NCP credentials: NCLOUD_SECRET_KEY is missing")]
    public void Missing_or_partial_credentials_stop_the_run_with_one_line(string url, string? accessKey, string? secret, string message)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(url, "ncp", accessKey, secret))!;

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Message, Does.Not.Contain("\n"));
        Assert.That(error.Message, Does.Not.Contain("SK_HIDDEN"));
    }

    [Test]
    public void Credentials_from_the_environment_reach_the_settings() =>
        Assert.That(Load(Remote, "ncp", "AK", "SK").NcpCredentials, Is.EqualTo(new NcpCredentials("AK", "SK")));

    [Test]
    public void A_loopback_target_without_credentials_gets_the_documented_default_pair() =>
        Assert.That(Load(Loopback, "ncp", null, null).NcpCredentials, Is.EqualTo(new NcpCredentials("test", "test")));

    [Test]
    public void Without_the_ncp_dialect_NCP_credentials_are_neither_needed_nor_read()
    {
        var settings = SettingsLoader.Load(
            new Dictionary<string, string>(),
            new Dictionary<string, string>
            {
                ["STAGECONF_BASE_URL"] = Remote,
                ["STAGECONF_DIALECTS"] = "aws-rest-v1",
                ["STAGECONF_ALLOW_REAL_CLOUD"] = "true",
                ["AWS_ACCESS_KEY_ID"] = "AKID",
                ["AWS_SECRET_ACCESS_KEY"] = "secret",
                ["NCLOUD_ACCESS_KEY"] = "AK",
            });

        Assert.That(settings.NcpCredentials, Is.Null);
    }

    [Test]
    public void Credentials_come_from_the_environment_only()
    {
        var parameters = new Dictionary<string, string> { ["NCLOUD_ACCESS_KEY"] = "AK", ["NCLOUD_SECRET_KEY"] = "SK" };

        Assert.That(() => SettingsLoader.Load(parameters, new Dictionary<string, string> { ["STAGECONF_BASE_URL"] = Remote, ["STAGECONF_DIALECTS"] = "ncp" }),
            Throws.InstanceOf<ConfigurationException>());
    }

    [Test]
    public void Both_schemes_can_be_configured_for_one_target()
    {
        var settings = SettingsLoader.Load(new Dictionary<string, string>(), new Dictionary<string, string>
        {
            ["STAGECONF_BASE_URL"] = Loopback,
            ["STAGECONF_DIALECTS"] = "aws-rest-v1,ncp",
        });

        Assert.That((settings.AwsCredentials, settings.NcpCredentials), Is.EqualTo((SettingsLoader.LoopbackDefaultCredentials, SettingsLoader.LoopbackDefaultNcpCredentials)));
    }

    [Test]
    public void A_run_id_too_long_for_NCP_stage_names_stops_the_run()
    {
        var environment = new Dictionary<string, string> { ["STAGECONF_DIALECTS"] = "ncp", ["STAGECONF_RUN_ID"] = "thirteenchars" };

        Assert.That(() => SettingsLoader.Load(new Dictionary<string, string>(), environment),
            Throws.InstanceOf<ConfigurationException>().With.Message.Contains("STAGECONF_RUN_ID='thirteenchars' is not 4 to 8 lowercase letters or digits"));
    }

    [Test]
    public void The_environment_reader_knows_the_NCP_names() =>
        Assert.That(SettingNames.All.Select(s => s.Environment), Is.SupersetOf(new[] { "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY" }));

    private static SuiteSettings Load(string url, string dialects, string? accessKey, string? secret)
    {
        var environment = new Dictionary<string, string> { ["STAGECONF_BASE_URL"] = url, ["STAGECONF_DIALECTS"] = dialects, ["STAGECONF_ALLOW_REAL_CLOUD"] = "true" };
        if (accessKey is not null)
        {
            environment["NCLOUD_ACCESS_KEY"] = accessKey;
        }

        if (secret is not null)
        {
            environment["NCLOUD_SECRET_KEY"] = secret;
        }

        return SettingsLoader.Load(new Dictionary<string, string>(), environment);
    }
}
