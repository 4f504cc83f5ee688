using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace StageConformance.SelfTests.Signing;

/// <summary>Sends one request with a real <see cref="HttpClient"/> and returns the bytes a server received.</summary>
internal static class LoopbackCapture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<RawHttpRequest> SendAsync(Func<Uri, HttpRequestMessage> createRequest)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
            var received = ReceiveOneAsync(listener, cancel.Token);
            using var client = new HttpClient { Timeout = Timeout };
            using var request = createRequest(baseUri);
            using var response = await client.SendAsync(request, cancel.Token);
            return await received;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task<RawHttpRequest> ReceiveOneAsync(TcpListener listener, CancellationToken cancel)
    {
        using var connection = await listener.AcceptTcpClientAsync(cancel);
        var stream = connection.GetStream();
        var data = new List<byte>();
        var chunk = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOf(data, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancel);
            if (read == 0)
            {
                throw new EndOfStreamException("the client closed the connection before the end of the headers");
            }

            data.AddRange(chunk.AsSpan(0, read));
        }

        var head = RawHttpRequest.ParseHead(Encoding.UTF8.GetString(data.GetRange(0, headEnd).ToArray()), []);
        var lengthHeader = head.Headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
        var length = lengthHeader.Key is null ? 0 : int.Parse(lengthHeader.Value.Trim(), CultureInfo.InvariantCulture);
        var bodyStart = headEnd + 4;
        while (data.Count < bodyStart + length)
        {
            var read = await stream.ReadAsync(chunk, cancel);
            if (read == 0)
            {
                throw new EndOfStreamException("the client closed the connection before the end of the body");
            }

            data.AddRange(chunk.AsSpan(0, read));
        }

        await stream.WriteAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray(), cancel);
        return head with { Body = data.GetRange(bodyStart, length).ToArray() };
    }

    private static int IndexOf(List<byte> data, ReadOnlySpan<byte> value) =>
        CollectionsMarshal.AsSpan(data).IndexOf(value);
}
