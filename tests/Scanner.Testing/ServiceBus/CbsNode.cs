using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// The <c>$cbs</c> node: answers <c>put-token</c> requests (a request link in, a reply link out per client, matched by
/// reply-to address) with 202 for a good shared access signature and 401 otherwise, as Service Bus does, and grants the
/// connection the audience's entities.
/// </summary>
internal sealed class CbsNode(ServiceBusBroker broker)
{
    public const string Address = "$cbs";

    private const string SasTokenType = "servicebus.windows.net:sastoken";

    public void Attach(AmqpLink link, BrokerConnection connection)
    {
        if (link is ReceivingAmqpLink requests)
        {
            requests.RegisterMessageListener(request => OnRequest(requests, connection, request));
            requests.SetTotalLinkCredit(100, applyNow: true, updateAutoFlow: true);
        }
        else
        {
            var replies = (SendingAmqpLink)link;
            var replyTo = ((Target)replies.Settings.Target).Address.ToString()!;
            connection.CbsReplyLinks[replyTo] = replies;
            replies.Closed += (_, _) => connection.CbsReplyLinks.TryRemove(replyTo, out _);
        }
    }

    private void OnRequest(ReceivingAmqpLink requests, BrokerConnection connection, AmqpMessage request)
    {
        using (request)
        {
            requests.DisposeMessage(request, AmqpConstants.AcceptedOutcome, settled: true, batchable: false);
            var replyTo = request.Properties?.ReplyTo?.ToString();
            if (replyTo is null || !connection.CbsReplyLinks.TryGetValue(replyTo, out var replies))
            {
                return;
            }

            var (status, description) = PutToken(request, connection);
            var response = AmqpMessage.Create();
            response.Properties.CorrelationId = request.Properties!.MessageId;
            response.ApplicationProperties.Map[CbsConstants.PutToken.StatusCode] = status;
            response.ApplicationProperties.Map[CbsConstants.PutToken.StatusDescription] = description;
            response.Settled = true;
            replies.SendMessageNoWait(response, AmqpConstants.EmptyBinary, AmqpConstants.NullBinary);
        }
    }

    private (int Status, string Description) PutToken(AmqpMessage request, BrokerConnection connection)
    {
        var map = request.ApplicationProperties?.Map;
        var operation = map?[CbsConstants.Operation] as string;
        var audience = map?[CbsConstants.PutToken.Audience] as string ?? string.Empty;
        var type = map?[CbsConstants.PutToken.Type] as string;
        var token = request.ValueBody?.Value as string ?? string.Empty;
        int status;
        string description;
        if (!string.Equals(operation, CbsConstants.PutToken.OperationValue, StringComparison.Ordinal))
        {
            (status, description) = (400, $"The $cbs node answers put-token only, not '{operation}'.");
        }
        else if (!string.Equals(type, SasTokenType, StringComparison.Ordinal))
        {
            (status, description) = (401, $"This broker takes shared access signatures ({SasTokenType}) only, not '{type}'.");
        }
        else if (broker.TakeTokenRefusal())
        {
            (status, description) = (401, "Unauthorized: the broker was told to refuse tokens.");
        }
        else if (SharedAccessSignature.Check(token, broker.KeyName, broker.Key, audience, DateTimeOffset.UtcNow) is { } problem)
        {
            (status, description) = (401, problem);
        }
        else
        {
            (status, description) = (202, "Accepted");
            connection.Authorize(Uri.TryCreate(audience, UriKind.Absolute, out var uri) ? uri.AbsolutePath : string.Empty);
        }

        broker.RecordTokenRequest(new RecordedTokenRequest(connection.Id, audience, KeyNameOf(token), status, description));
        return (status, description);
    }

    private static string? KeyNameOf(string token) =>
        token.Split('&').FirstOrDefault(field => field.StartsWith("skn=", StringComparison.Ordinal)) is { } field
            ? System.Net.WebUtility.UrlDecode(field[4..])
            : null;
}
