using FsCheck;
using FsCheck.Fluent;
using LiveServerless.Domain.Economy;
using LiveServerless.Domain.Interactions;

namespace LiveServerless.Domain.Tests.Economy;

/// <summary>
/// The wallet under anything clients, partners and the stream can do: credits, gifts that may or may not be affordable, and
/// earnings applied from a stream that crashes mid-batch and replays from old checkpoints. For every user credits − spent =
/// balance ≥ 0 at every step, and once the stream is drained the hosts' earnings are exactly the share of the gifts paid for.
/// </summary>
public sealed class WalletPropertiesTests
{
    private const decimal Share = 0.35m;

    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private enum Step
    {
        Credit,
        Gift,
        Process,
        Replay,
    }

    private sealed record Op(Step Step, int User, int Amount, int Partition);

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (3, Gen.Zip(Gen.Choose(0, 3), Gen.Choose(1, 200), (user, amount) => new Op(Step.Credit, user, amount, 0))),
        (6, Gen.Zip(Gen.Choose(0, 3), Gen.Choose(1, 120), (user, cost) => new Op(Step.Gift, user, cost, 0))),
        (3, Gen.Zip(Gen.Choose(0, 1), Gen.Choose(0, 20), (partition, take) => new Op(Step.Process, 0, take, partition))),
        (1, Gen.Choose(0, 1).Select(partition => new Op(Step.Replay, 0, 0, partition))));

    [Fact]
    public void AnySequence_KeepsEveryWalletBalanced_AndEarningsExactlyOnce() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(OpGen)), ops =>
        {
            var world = new World();
            foreach (var op in ops)
            {
                world.Run(op);
                world.AssertBalanced();
            }

            world.Drain();
            world.AssertEarningsExact();
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void ADebitBeyondTheBalance_ChangesNothing()
    {
        var wallet = Wallet.Empty.Credit(50, Now);

        var refusal = Assert.Throws<InsufficientFundsException>(() => wallet.Debit(51, Now));

        Assert.Equal((50L, 51L), (refusal.Balance, refusal.Required));
        Assert.Equal(50, wallet.Balance);
    }

    [Fact]
    public void EarningTheSameGiftsTwice_CountsThemOnce()
    {
        var gifts = new[] { Gift("g1", "p0", 1, 10), Gift("g2", "p0", 2, 30) };

        var once = Wallet.Empty.Earn(gifts, Now);
        var twice = once.Earn(gifts, Now).Earn(gifts[..1], Now);

        Assert.Equal(40m * Share, once.Earnings);
        Assert.Equal(once, twice);
    }

    private static StreamedInteraction Gift(string id, string partition, long sequence, long price) => new(
        new Interaction
        {
            Id = id,
            TenantId = "t",
            UserId = "sender",
            RoomId = "room",
            HostUserId = "host",
            Type = InteractionType.Gift,
            OccurredAt = Now,
            Count = 1,
            UnitValue = price,
            HostShare = Share,
        },
        partition,
        sequence);

    /// <summary>Four users who gift each other (user i's gifts go to host (i + 1) % 4) over two stream partitions.</summary>
    private sealed class World
    {
        private readonly Wallet[] _wallets = [Wallet.Empty, Wallet.Empty, Wallet.Empty, Wallet.Empty];

        private readonly List<StreamedInteraction>[] _partitions = [[], []];

        /// <summary>Each partition's checkpoint: where processing restarts after a crash.</summary>
        private readonly int[] _checkpoints = [0, 0];

        private decimal _paid;

        public void Run(Op op)
        {
            switch (op.Step)
            {
                case Step.Credit:
                    _wallets[op.User] = _wallets[op.User].Credit(op.Amount, Now);
                    break;
                case Step.Gift:
                    try
                    {
                        _wallets[op.User] = _wallets[op.User].Debit(op.Amount, Now);
                    }
                    catch (InsufficientFundsException)
                    {
                        return;
                    }

                    // Partition key = sender, so one partition holds each sender's gifts, in order.
                    var partition = _partitions[op.User % 2];
                    partition.Add(new StreamedInteraction(Interaction(op.User, op.Amount, partition.Count), $"p{op.User % 2}", partition.Count));
                    _paid += op.Amount;
                    break;
                case Step.Process:
                    // Applies up to Amount events after the checkpoint; a crash before checkpointing is a later replay of the same events.
                    Apply(op.Partition, _checkpoints[op.Partition], op.Amount);
                    if (op.Amount % 3 != 0)
                    {
                        _checkpoints[op.Partition] = Math.Min(_partitions[op.Partition].Count, _checkpoints[op.Partition] + op.Amount);
                    }

                    break;
                case Step.Replay:
                    _checkpoints[op.Partition] = 0;
                    break;
            }
        }

        public void Drain()
        {
            Apply(0, _checkpoints[0], int.MaxValue);
            Apply(1, _checkpoints[1], int.MaxValue);
        }

        public void AssertBalanced()
        {
            foreach (var wallet in _wallets)
            {
                Assert.Equal(wallet.Credited - wallet.Spent, wallet.Balance);
                Assert.True(wallet.Balance >= 0);
            }
        }

        public void AssertEarningsExact()
        {
            Assert.Equal(_paid * Share, _wallets.Sum(w => w.Earnings));
            Assert.Equal(_paid, _wallets.Sum(w => w.Spent));
        }

        private void Apply(int partition, int from, int count)
        {
            var events = _partitions[partition].Skip(from).Take(count).ToArray();
            foreach (var host in events.GroupBy(e => int.Parse(e.Interaction.HostUserId!, System.Globalization.CultureInfo.InvariantCulture)))
            {
                _wallets[host.Key] = _wallets[host.Key].Earn([.. host], Now);
            }
        }

        private static Interaction Interaction(int sender, long price, int sequence) => new()
        {
            Id = $"gift-{sender}-{sequence}",
            TenantId = "t",
            UserId = sender.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RoomId = "room",
            HostUserId = ((sender + 1) % 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = InteractionType.Gift,
            OccurredAt = Now,
            Count = 1,
            UnitValue = price,
            HostShare = Share,
        };
    }
}
