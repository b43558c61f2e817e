namespace LiveServerless.Domain.Rooms;

/// <summary>A room's lifecycle only moves forward: scheduled → live → ended (a scheduled room may also be ended, i.e. cancelled).</summary>
public enum RoomStatus
{
    Scheduled,
    Live,
    Ended,
}
