using LiveServerless.Domain.Chat;

namespace LiveServerless.Domain.Tests.Chat;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryTake_AllowsTheBurst_ThenSaysWhenTheNextTokenArrives()
    {
        var bucket = TokenBucket.Full(capacity: 3, refillPerSecond: 0.5, Now);
        for (var i = 0; i < 3; i++)
        {
            (bucket, var wait) = bucket.TryTake(Now);
            Assert.Null(wait);
        }

        var (_, retryAfter) = bucket.TryTake(Now);

        Assert.Equal(TimeSpan.FromSeconds(2), retryAfter);
    }

    [Fact]
    public void TryTake_RefillsOverTime_UpToCapacity()
    {
        var empty = TokenBucket.Full(2, 1, Now).TryTake(Now).Bucket.TryTake(Now).Bucket;

        Assert.Null(empty.TryTake(Now.AddSeconds(1)).RetryAfter);
        Assert.True(empty.IsFullAt(Now.AddSeconds(10)));
        Assert.False(empty.IsFullAt(Now.AddSeconds(1)));
    }

    [Fact]
    public void AvailableAt_AndUntilFullAt_FollowTheRefill()
    {
        var bucket = TokenBucket.Full(4, 2, Now).TryTake(Now, cost: 4).Bucket;

        Assert.Equal(1, bucket.AvailableAt(Now.AddSeconds(0.5)));
        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.UntilFullAt(Now.AddSeconds(0.5)));
        Assert.Equal(4, bucket.AvailableAt(Now.AddSeconds(60)));
        Assert.Equal(TimeSpan.Zero, bucket.UntilFullAt(Now.AddSeconds(60)));
    }
}
