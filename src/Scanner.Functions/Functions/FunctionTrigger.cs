namespace Scanner.Functions.Functions;

/// <summary>How a function is started; each kind maps to one binding in <c>function.json</c>.</summary>
public abstract record FunctionTrigger;

/// <summary>An HTTP route under <c>/api</c>, forwarded unchanged by the host (one httpTrigger in, one http out).</summary>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods, FunctionAuthLevel AuthLevel) : FunctionTrigger;

/// <summary>
/// A timer on a 6-field NCRONTAB schedule. <see cref="SettingKey"/>, when set, names the configuration key whose value
/// replaces <see cref="DefaultSchedule"/> (written as <c>%key%</c> in <c>function.json</c> so the host resolves it too).
/// </summary>
public sealed record TimerTrigger(string DefaultSchedule, string? SettingKey = null) : FunctionTrigger
{
    public string ScheduleExpression => SettingKey is null ? DefaultSchedule : $"%{SettingKey}%";
}

/// <summary>A Service Bus queue, read by the host's own Service Bus extension in Azure.</summary>
public sealed record ServiceBusQueueTrigger(string QueueName, string Connection) : FunctionTrigger;

/// <summary>A Service Bus topic subscription.</summary>
public sealed record ServiceBusTopicTrigger(string TopicName, string SubscriptionName, string Connection) : FunctionTrigger;
