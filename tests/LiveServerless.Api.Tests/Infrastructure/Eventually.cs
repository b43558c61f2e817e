namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>The polling helper: asks again until the condition holds, failing with the last observed state after a deadline.</summary>
public static class Eventually
{
    /// <summary>Generous, because the stream processor and the background services share a loaded two-core machine with the tests.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan? deadline = null) =>
        MatchesAsync(observe, done, "The awaited state", deadline);

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        MatchesAsync(condition, holds => holds, what, deadline);

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> observe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        while (true)
        {
            var observed = await observe();
            if (done(observed))
            {
                return observed;
            }

            Assert.True(DateTime.UtcNow < until, $"{what} did not happen in time; last observed: {observed}");
            await Task.Delay(100);
        }
    }
}
