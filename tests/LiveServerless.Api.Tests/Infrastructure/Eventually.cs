namespace LiveServerless.Api.Tests.Infrastructure;

/// <summary>The polling helper: asks again until the condition holds, failing with the last observed state after a deadline.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

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
