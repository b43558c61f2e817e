namespace LiveServerless.Domain.Ads;

/// <summary>The two tracked ad events, as they arrive on the stream (ad_impression, ad_click).</summary>
public enum AdEventKind
{
    Impression,
    Click,
}
