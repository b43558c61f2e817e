namespace LiveServerless.Domain.Interactions;

/// <summary>Every kind of interaction that flows through the stream. JSON names are camelCase except the ad events (ad_impression, ad_click).</summary>
public enum InteractionType
{
    Like,
    Gift,
    Follow,
    Share,
    Watch,
    Chat,
    AdImpression,
    AdClick,
}
