using System.Text;
using System.Text.Json;

namespace Scanner.Functions.Functions;

/// <summary>Writes the <c>function.json</c> the Functions host indexes, one folder per function.</summary>
public static class FunctionJsonWriter
{
    public static void WriteAll(string directory, IEnumerable<FunctionDeclaration> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        foreach (var function in functions)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "function.json"), ToJson(function), new UTF8Encoding(false));
        }
    }

    public static string ToJson(FunctionDeclaration function)
    {
        ArgumentNullException.ThrowIfNull(function);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("bindings");
            switch (function.Trigger)
            {
                case HttpTrigger http:
                    StartBinding(json, "httpTrigger", "in", "req");
                    json.WriteString("authLevel", http.AuthLevel.ToString().ToLowerInvariant());
                    json.WriteStartArray("methods");
                    foreach (var method in http.Methods)
                    {
                        json.WriteStringValue(method.ToLowerInvariant());
                    }

                    json.WriteEndArray();
                    json.WriteString("route", http.Route);
                    json.WriteEndObject();
                    StartBinding(json, "http", "out", "res");
                    json.WriteEndObject();
                    break;
                case TimerTrigger timer:
                    StartBinding(json, "timerTrigger", "in", "timer");
                    json.WriteString("schedule", timer.ScheduleExpression);
                    json.WriteBoolean("useMonitor", true);
                    json.WriteEndObject();
                    break;
                case ServiceBusQueueTrigger queue:
                    StartBinding(json, "serviceBusTrigger", "in", "message");
                    json.WriteString("queueName", queue.QueueName);
                    json.WriteString("connection", queue.Connection);
                    json.WriteEndObject();
                    break;
                case ServiceBusTopicTrigger topic:
                    StartBinding(json, "serviceBusTrigger", "in", "message");
                    json.WriteString("topicName", topic.TopicName);
                    json.WriteString("subscriptionName", topic.SubscriptionName);
                    json.WriteString("connection", topic.Connection);
                    json.WriteEndObject();
                    break;
                default:
                    throw new InvalidOperationException($"{function.Name} has a trigger this writer does not know.");
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void StartBinding(Utf8JsonWriter json, string type, string direction, string name)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("direction", direction);
        json.WriteString("name", name);
    }
}
