using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using StageConformance.Dialects;
using StageConformance.Dialects.Ncp;
using StageConformance.Http;
using StageConformance.ReferenceTarget;

namespace StageConformance.SelfTests.Dialects;

/// <summary>An NCP account without an API Gateway tenant answers 404 with error code 10008: provisioning says so in one line (docs/DECISIONS.md N15).</summary>
public sealed class NcpNoTenantTests
{
    [TestCase("""{"error":{"errorCode":"10008","message":"Tenant does not exist"}}""")]
    [TestCase("""{"errorCode":10008,"message":"Tenant does not exist"}""")]
    public async Task Provisioning_names_the_missing_tenant_as_a_setup_problem(string body)
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var answering = AnswerOnceAsync(server, 404, body);
        using var client = new TargetClient(new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}"), new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t10008");

        var failure = Assert.ThrowsAsync<ProvisioningException>(() => api.ProvisionAsync(CancellationToken.None));
        await answering;

        Assert.That(failure!.Message, Does.Contain("10008").And.Contain("no API Gateway tenant").And.Not.Contain("\n"));
    }

    [Test]
    public async Task Another_404_is_reported_as_it_came()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var answering = AnswerOnceAsync(server, 404, """{"error":{"errorCode":"300","message":"Not Found Exception"}}""");
        using var client = new TargetClient(new Uri($"http://127.0.0.1:{((IPEndPoint)server.LocalEndpoint).Port}"), new NcpRequestSigner(EmbeddedTarget.NcpChecks));
        await using var api = new NcpStageApi(client, "t404");

        var failure = Assert.ThrowsAsync<ProvisioningException>(() => api.ProvisionAsync(CancellationToken.None));
        await answering;

        Assert.That(failure!.Message, Does.Contain("answered 404").And.Not.Contain("tenant"));
    }

    /// <summary>Reads one HTTP request and answers it with the status and JSON body, closing the connection.</summary>
    private static async Task AnswerOnceAsync(TcpListener server, int status, string json)
    {
        using var connection = await server.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[65536];
        var read = 0;
        var text = "";
        while (!text.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read));
            if (n == 0)
            {
                break;
            }

            read += n;
            text = Encoding.ASCII.GetString(buffer, 0, read);
        }

        var content = Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} Not Found\r\nContent-Type: application/json\r\nContent-Length: {content.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(content);
        await stream.FlushAsync();
    }
}
