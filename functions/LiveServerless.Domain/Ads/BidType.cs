namespace LiveServerless.Domain.Ads;

/// <summary>How an advertiser pays: per thousand impressions (CPM) or per click (CPC).</summary>
public enum BidType
{
    Cpm,
    Cpc,
}
