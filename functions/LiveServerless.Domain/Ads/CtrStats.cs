namespace LiveServerless.Domain.Ads;

/// <summary>A campaign's tracked impressions and clicks, the evidence its click-through prediction is built on.</summary>
public readonly record struct CtrStats(long Impressions, long Clicks);
