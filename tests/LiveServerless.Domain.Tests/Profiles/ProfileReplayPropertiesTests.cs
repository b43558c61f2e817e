using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Profiles;
using LiveServerless.Domain.Tests.Recommendations;
using static LiveServerless.Domain.Tests.Recommendations.TestStream;

namespace LiveServerless.Domain.Tests.Profiles;

public sealed class ProfileReplayPropertiesTests
{
    private static readonly UserProfile Fresh = UserProfile.ForNewUser("u1", ["jazz"], T0);

    [Fact]
    public void Apply_AnyDeliveryWithReplaysAndDuplicates_EqualsApplyingEachEventOnce() =>
        Prop.ForAll(Scenario(), scenario =>
        {
            var stream = Numbered(scenario.Events);
            var once = ProfileUpdater.Apply(Fresh, stream);

            var delivered = scenario.Plan.Deliver(stream).Aggregate(Fresh, (profile, delivery) => ProfileUpdater.Apply(profile, delivery.Batch));

            return Json(delivered) == Json(once);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Apply_ReplayingAnyPrefix_ReturnsTheSameProfile() =>
        Prop.ForAll(Scenario(), scenario =>
        {
            var stream = Numbered(scenario.Events);
            var profile = ProfileUpdater.Apply(Fresh, stream);

            return ReferenceEquals(profile, ProfileUpdater.Apply(profile, stream.Take(scenario.Plan.Steps.Length).ToArray()));
        }).QuickCheckThrowOnFailure();

    private static Arbitrary<(Domain.Interactions.Interaction[] Events, DeliveryPlan Plan)> Scenario() =>
        Gen.ArrayOf(Generators.Interaction()).Zip(Generators.DeliveryPlan()).ToArbitrary();
}
