namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>Waits for what the stream processor or a background service makes true a moment later: no fixed sleeps.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(100);
        }
    }

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds for its result, and returns that result.</summary>
    public static async Task<T> ForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The last value read did not satisfy the condition in time: {value}");
            await Task.Delay(100);
        }
    }
}
