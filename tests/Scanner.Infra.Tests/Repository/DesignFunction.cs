namespace Scanner.Infra.Tests.Repository;

/// <summary>
/// One function of DESIGN.md section 3, with its trigger as functions.metadata names it: <see cref="TriggerType"/>
/// is <c>timerTrigger</c>, <c>queueTrigger</c> or <c>httpTrigger</c>; <see cref="QueueName"/> is set for a queue
/// trigger and <see cref="AuthLevel"/> (<c>anonymous</c>, <c>function</c>, <c>admin</c>) for an HTTP trigger.
/// </summary>
internal sealed record DesignFunction(string Name, string TriggerType, string? QueueName, string? AuthLevel);
