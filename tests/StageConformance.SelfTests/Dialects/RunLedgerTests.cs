using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Dialects;
using StageConformance.Http;

namespace StageConformance.SelfTests.Dialects;

public sealed class RunLedgerTests
{
    [Test]
    public void A_resource_the_target_lacks_an_operation_for_skips_the_check_naming_it()
    {
        var ledger = new RunLedger();
        ledger.MarkUnavailable("deployment", new ProvisioningException("the target lacks CreateDeployment (HTTP): POST ... -> 404", missingOperation: true));

        var skipped = Assert.Throws<CheckSkipped>(() => ledger.Require("deployment", null))!;

        Assert.That(skipped.Message, Does.Contain("lacks CreateDeployment"));
        Assert.That(ledger.Observations, Has.One.Contains("no deployment"));
    }

    [Test]
    public void A_resource_the_target_refused_makes_the_check_an_error_with_the_answer()
    {
        var ledger = new RunLedger();
        ledger.MarkUnavailable("rest api", new ProvisioningException("CreateRestApi was refused: POST /restapis -> 400 {}"));

        var refused = Assert.Throws<ProvisioningException>(() => ledger.Require("rest api", null))!;

        Assert.That(refused.Message, Does.Contain("-> 400"));
        Assert.That(ledger.Require("rest api", "abc"), Is.EqualTo("abc"));
    }

    [Test]
    public void An_other_success_status_is_noted_once_per_operation_and_status_on_one_line()
    {
        var ledger = new RunLedger();
        var answer = new HttpExchange("POST", new Uri("http://127.0.0.1/restapis"), [], "{}", SigningMode.Signed, 200, [], "<html>\n<p>x</p>", TimeSpan.Zero);

        ledger.ObserveStatus("CreateRestApi", answer, 201);
        ledger.ObserveStatus("CreateRestApi", answer, 201);
        ledger.ObserveStatus("CreateRestApi", answer with { Status = 201 }, 201);

        Assert.That(ledger.Observations, Has.Count.EqualTo(1));
        Assert.That(ledger.Observations[0], Does.Contain("answered 200 where the service answers 201").And.Not.Contain("\n"));
    }
}
