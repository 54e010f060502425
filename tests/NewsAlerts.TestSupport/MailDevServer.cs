using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace NewsAlerts.TestSupport;

/// <summary>
/// A real MailDev process (SMTP server with a REST API, from npm: <c>tests/package.json</c>) on 127.0.0.1 and free
/// ports, keeping mail in a temporary folder. <c>tests/test.sh</c> installs it with <c>npm ci</c>.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempFolder _mail;
    private readonly HttpClient _http;

    private MailDevServer(Process process, TempFolder mail, int smtpPort, int webPort)
    {
        _process = process;
        _mail = mail;
        SmtpPort = smtpPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/api/") };
    }

    public string Host => "127.0.0.1";

    public int SmtpPort { get; }

    public static string Executable => Path.Combine(RepoPaths.Root, "tests", "node_modules", ".bin", "maildev");

    public static async Task<MailDevServer> StartAsync(params string[] extraArguments)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"MailDev is not installed at {Executable}: run 'npm ci --prefix tests' (tests/test.sh does)");
        }

        var (smtp, web) = (FreePort(), FreePort());
        var mail = new TempFolder();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--smtp", $"{smtp}", "--web", $"{web}", "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mail.Path, "--silent" }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MailDevServer(process, mail, smtp, web);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>The raw source of every message received, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetMessagesAsync()
    {
        using var list = JsonDocument.Parse(await _http.GetStringAsync("email"));
        var sources = new List<string>();
        foreach (var email in list.RootElement.EnumerateArray())
        {
            sources.Add(await _http.GetStringAsync($"email/{email.GetProperty("id").GetString()}/source"));
        }

        return sources;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _mail.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"MailDev exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var smtp = new TcpClient();
                await smtp.ConnectAsync(IPAddress.Loopback, SmtpPort);
                (await _http.GetAsync("healthz")).EnsureSuccessStatusCode();
                return;
            }
            catch (Exception ex) when (ex is SocketException or HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("MailDev did not start within 30 seconds");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
