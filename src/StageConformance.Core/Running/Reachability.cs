using System.Net.Sockets;
using StageConformance.Configuration;

namespace StageConformance.Running;

public static class Reachability
{
    /// <summary>Stops the run with one line when nothing answers at the target's address.</summary>
    public static async Task EnsureAsync(Uri baseUrl, TimeSpan? timeout = null)
    {
        using var tcp = new TcpClient();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        try
        {
            await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, cts.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            throw new ConfigurationException(
                $"{SettingNames.BaseUrl.Environment}={baseUrl.GetLeftPart(UriPartial.Authority)} is unreachable ({(e is OperationCanceledException ? "timed out" : e.Message)}): start the target or fix the URL");
        }
    }
}
