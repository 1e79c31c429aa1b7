using System.Text.Json;
using Rlvr.Api.Contracts;

namespace Rlvr.Integration.Tests.Api;

/// <summary>
/// Contracts as the API's JSON: records holding dictionaries or lists compare by reference, their JSON by value.
/// </summary>
internal static class ApiJsonText
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, ApiJson.Options)!;
    }
}
