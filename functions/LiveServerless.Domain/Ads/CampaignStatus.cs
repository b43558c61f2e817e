namespace LiveServerless.Domain.Ads;

/// <summary>A campaign's lifecycle: partners pause and resume it; the pacing timer ends it when its flight or budget is over.</summary>
public enum CampaignStatus
{
    Active,
    Paused,
    Ended,
}
