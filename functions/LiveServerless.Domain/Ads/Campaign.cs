using LiveServerless.Domain.Common;

namespace LiveServerless.Domain.Ads;

/// <summary>
/// An advertiser's campaign as the partner defines it. Delivery numbers (spend, impressions, pacing) live in
/// <see cref="CampaignDelivery"/>, which partners can read but never write.
/// </summary>
public sealed record Campaign(
    string Id,
    string TenantId,
    string Name,
    BidType BidType,
    decimal Bid,
    decimal TotalBudget,
    decimal? DailyBudget,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    Targeting Targeting,
    int FrequencyCapPerDay,
    Creative Creative,
    CampaignStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public const int MaxNameLength = 100;

    public const decimal MaxCpmBid = 1_000m;

    public const decimal MaxCpcBid = 100m;

    public const decimal MaxBudget = 10_000_000m;

    /// <summary>Amounts carry at most this many decimals: enough for sub-cent CPM prices, few enough to rule out nonsense.</summary>
    public const int MaxAmountDecimals = 4;

    public const int MaxFrequencyCapPerDay = 1_000;

    public static readonly TimeSpan MaxFlight = TimeSpan.FromDays(366);

    public static Campaign Create(string tenantId, NewCampaign draft, DateTimeOffset now)
    {
        Validate(draft, now, endsAtChanged: true);
        return new Campaign(
            Ids.New(), tenantId, draft.Name!.Trim(), draft.BidType!.Value, draft.Bid!.Value, draft.TotalBudget!.Value, draft.DailyBudget,
            draft.StartsAt!.Value, draft.EndsAt!.Value, Targeting.Of(draft.Targeting), draft.FrequencyCapPerDay!.Value,
            Creative.Of(draft.Creative!), CampaignStatus.Active, now, now);
    }

    /// <summary>
    /// A partial update, validated as a whole: the changed fields are merged into the current ones and the merged campaign must pass
    /// the same rules as a new one (so lowering the total budget below the daily budget is refused). The bid type is fixed at creation.
    /// </summary>
    public Campaign Apply(CampaignChanges changes, DateTimeOffset now)
    {
        if (Status == CampaignStatus.Ended)
        {
            throw ValidationException.ForField("status", "an ended campaign can no longer be changed");
        }

        var merged = new NewCampaign(
            changes.Name.Or(Name),
            BidType,
            changes.Bid.Or(Bid),
            changes.TotalBudget.Or(TotalBudget),
            changes.DailyBudget.Or(DailyBudget),
            changes.StartsAt.Or(StartsAt),
            changes.EndsAt.Or(EndsAt),
            changes.Targeting.Or(Targeting.ToDraft()),
            changes.FrequencyCapPerDay.Or(FrequencyCapPerDay),
            changes.Creative.Or(Creative.ToDraft()));
        Validate(merged, now, endsAtChanged: changes.EndsAt.IsSet);
        return this with
        {
            Name = merged.Name!.Trim(),
            Bid = merged.Bid!.Value,
            TotalBudget = merged.TotalBudget!.Value,
            DailyBudget = merged.DailyBudget,
            StartsAt = merged.StartsAt!.Value,
            EndsAt = merged.EndsAt!.Value,
            Targeting = Targeting.Of(merged.Targeting),
            FrequencyCapPerDay = merged.FrequencyCapPerDay!.Value,
            Creative = Creative.Of(merged.Creative!),
            UpdatedAt = now,
        };
    }

    public Campaign Pause(DateTimeOffset now) => Status switch
    {
        CampaignStatus.Active => this with { Status = CampaignStatus.Paused, UpdatedAt = now },
        CampaignStatus.Paused => throw new ConflictException($"Campaign '{Id}' is already paused."),
        _ => throw new ConflictException($"Campaign '{Id}' has ended and cannot be paused."),
    };

    public Campaign Resume(DateTimeOffset now) => Status switch
    {
        CampaignStatus.Paused when now >= EndsAt => throw new ConflictException($"Campaign '{Id}' is past its flight and cannot be resumed."),
        CampaignStatus.Paused => this with { Status = CampaignStatus.Active, UpdatedAt = now },
        CampaignStatus.Active => throw new ConflictException($"Campaign '{Id}' is already active."),
        _ => throw new ConflictException($"Campaign '{Id}' has ended and cannot be resumed."),
    };

    /// <summary>Ends the campaign once its flight is over or its budget cannot pay for one more impression; otherwise returns it unchanged.</summary>
    /// <summary>True when what is left of the budget cannot pay for one more impression.</summary>
    public bool IsBudgetExhausted(CampaignDelivery delivery) => TotalBudget - delivery.Spend < MaxCostPerImpression();

    public Campaign EndIfFinished(CampaignDelivery delivery, DateTimeOffset now)
    {
        var finished = now >= EndsAt || IsBudgetExhausted(delivery);
        return finished && Status != CampaignStatus.Ended ? this with { Status = CampaignStatus.Ended, UpdatedAt = now } : this;
    }

    public bool IsInFlight(DateTimeOffset now) => StartsAt <= now && now < EndsAt;

    public decimal MaxCostPerImpression() => AdPricing.MaxCostPerImpression(BidType, Bid);

    private static void Validate(NewCampaign draft, DateTimeOffset now, bool endsAtChanged)
    {
        var errors = new FieldErrors();
        Text.Required(errors, "name", draft.Name, MaxNameLength);
        errors.When(draft.BidType is null, "bidType", "is required");
        var maxBid = draft.BidType == BidType.Cpc ? MaxCpcBid : MaxCpmBid;
        Amount(errors, "bid", draft.Bid, maxBid);
        Amount(errors, "totalBudget", draft.TotalBudget, MaxBudget);
        if (draft.DailyBudget is not null)
        {
            Amount(errors, "dailyBudget", draft.DailyBudget, MaxBudget);
            errors.When(draft.DailyBudget > draft.TotalBudget, "dailyBudget", "must not exceed totalBudget");
        }

        errors.When(draft.StartsAt is null, "startsAt", "is required");
        errors.When(draft.EndsAt is null, "endsAt", "is required");
        errors.When(draft.EndsAt <= draft.StartsAt, "endsAt", "must be after startsAt");
        errors.When(draft.EndsAt - draft.StartsAt > MaxFlight, "endsAt", $"the flight is at most {MaxFlight.TotalDays} days");
        errors.When(endsAtChanged && draft.EndsAt <= now, "endsAt", "must be in the future");
        Targeting.Validate(errors, draft.Targeting);
        errors.When(draft.FrequencyCapPerDay is null, "frequencyCapPerDay", "is required");
        errors.When(draft.FrequencyCapPerDay is < 1 or > MaxFrequencyCapPerDay, "frequencyCapPerDay", $"must be between 1 and {MaxFrequencyCapPerDay}");
        Creative.Validate(errors, draft.Creative);
        errors.ThrowIfAny();
    }

    private static void Amount(FieldErrors errors, string field, decimal? value, decimal max)
    {
        if (value is null)
        {
            errors.Add(field, "is required");
            return;
        }

        errors.When(value <= 0m || value > max, field, $"must be greater than 0 and at most {max}");
        errors.When(decimal.Round(value.Value, MaxAmountDecimals) != value, field, $"has at most {MaxAmountDecimals} decimals");
    }
}

/// <summary>What a partner supplies to create a campaign. Only the daily budget and the targeting are optional.</summary>
public sealed record NewCampaign(
    string? Name,
    BidType? BidType,
    decimal? Bid,
    decimal? TotalBudget,
    decimal? DailyBudget,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    TargetingDraft? Targeting,
    int? FrequencyCapPerDay,
    CreativeDraft? Creative);

/// <summary>
/// A partial update (PATCH). Spend, delivery, status, ids and the bid type are not fields of this type, so a request can never assign them:
/// the HTTP layer refuses unknown fields, and status changes go through pause and resume.
/// </summary>
public sealed record CampaignChanges(
    Optional<string?> Name,
    Optional<decimal?> Bid,
    Optional<decimal?> TotalBudget,
    Optional<decimal?> DailyBudget,
    Optional<DateTimeOffset?> StartsAt,
    Optional<DateTimeOffset?> EndsAt,
    Optional<TargetingDraft?> Targeting,
    Optional<int?> FrequencyCapPerDay,
    Optional<CreativeDraft?> Creative);
