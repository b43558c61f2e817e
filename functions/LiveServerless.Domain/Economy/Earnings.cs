using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Economy;

/// <summary>How a gift's value splits between the platform's tenant and the host who received it.</summary>
public static class Earnings
{
    /// <summary>A tenant that never set a share gives its hosts half of every gift.</summary>
    public const decimal DefaultHostShare = 0.5m;

    /// <summary>Shares have at most four decimal places, so share × whole coins is exact in decimal arithmetic (no rounding, ever).</summary>
    public const int ShareDecimals = 4;

    /// <summary>The host's part of one gift event: the share stamped on the event when it was accepted, times its value.</summary>
    public static decimal HostShareOf(Interaction gift) => gift.Type == InteractionType.Gift ? gift.GiftValue * gift.HostShare : 0m;

    public static bool IsValidShare(decimal share) => share is >= 0m and <= 1m && decimal.Round(share, ShareDecimals) == share;
}
