using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace NewsAlerts.Infrastructure.Language;

/// <summary>
/// Puts the resource key in a header on every request (Azure.Core's own <c>AzureKeyCredentialPolicy</c> is internal in
/// 1.64). Reads <see cref="AzureKeyCredential.Key"/> each time, so a rotated key takes effect at once.
/// </summary>
internal sealed class KeyHeaderPolicy(AzureKeyCredential credential, string header) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(header, credential.Key);
}
