using System.Text.Json.Nodes;
using NUnit.Framework;
using StageConformance.Http;

namespace StageConformance.SelfTests.Http;

public sealed class JsonReadTests
{
    [TestCase("""{"id": "abc"}""", "abc")]
    [TestCase("""{"id": true}""", null)]
    [TestCase("""{"id": {"x": 1}}""", null)]
    [TestCase("""["id"]""", null)]
    [TestCase("12", null)]
    [TestCase("null", null)]
    public void A_member_of_the_wrong_type_or_shape_reads_as_absent(string json, string? expected) =>
        Assert.That(JsonRead.String(JsonNode.Parse(json), "id"), Is.EqualTo(expected));

    [Test]
    public void A_listed_name_that_is_not_a_string_reads_as_its_json_text()
    {
        var items = JsonRead.Array(JsonNode.Parse("""{"item": [{"stageName": "a"}, {"stageName": true}, {"stageName": null}, {}, 7]}"""), "item");

        Assert.That(items.Select(i => JsonRead.NameMember(i, "stageName")), Is.EqualTo(new[] { "a", "true", "null", null, null }));
        Assert.That(JsonRead.Array(JsonNode.Parse("""{"item": "x"}"""), "item"), Is.Empty);
    }

    [Test]
    public void A_body_too_deep_to_parse_is_no_json_and_a_web_page_is_recognised()
    {
        var deep = new HttpExchange("GET", new Uri("http://127.0.0.1/"), [], null, SigningMode.Signed, 200, [], new string('[', 500) + new string(']', 500), TimeSpan.Zero);
        var page = deep with { ResponseBody = "<!doctype html><title>404</title>" };

        Assert.That(deep.ResponseJson(), Is.Null);
        Assert.That(page.IsHtml, Is.True);
        Assert.That(deep.IsHtml, Is.False);
    }

    [Test]
    public async Task A_body_in_an_unknown_charset_is_read_as_utf8()
    {
        using var content = new ByteArrayContent("{\"a\":\"é\"}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus-charset");

        Assert.That(await HttpExchange.ReadBodyAsync(content, CancellationToken.None), Is.EqualTo("{\"a\":\"é\"}"));
    }
}
