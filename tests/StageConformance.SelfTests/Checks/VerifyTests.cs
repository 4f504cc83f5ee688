using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Checks;
using StageConformance.Http;
using StageConformance.Infrastructure;
using StageConformance.Schemas;

namespace StageConformance.SelfTests.Checks;

public sealed class VerifyTests
{
    [Test]
    public void An_answer_with_a_number_the_validator_cannot_read_is_no_verdict_and_is_quoted()
    {
        var schema = SchemaValidator.Load(Path.Combine(RepositoryPaths.Schemas, "aws-http-v2", "stage.response.schema.json"));
        const string body = """{"stageName": "a", "defaultRouteSettings": {"throttlingBurstLimit": 1e308}}""";
        var answer = new HttpExchange("POST", new Uri("http://127.0.0.1/v2/apis/x/stages"), [], "{}", SigningMode.Signed, 201, [], body, TimeSpan.Zero);

        var unreadable = Assert.Throws<UnreadableAnswerException>(() => Verify.Schema(schema, JsonNode.Parse(body), "v2.stage.shape", answer, "a Stage"))!;

        Assert.That(unreadable.Message, Does.Contain("1e308"));
        Assert.That(unreadable.Exchange, Is.SameAs(answer));
    }
}
