namespace LiveServerless.Emulators.SignalR.Rest;

/// <summary>The two REST API generations the emulator serves; they differ in send paths and in success status codes.</summary>
internal enum RestApiVersion
{
    /// <summary><c>/api/v1/hubs/{hub}/...</c>: sends POST to the target itself; every operation answers 202.</summary>
    V1,

    /// <summary><c>/api/hubs/{hub}/...?api-version=2022-06-01</c> and later: sends POST to <c>.../:send</c>; management answers 200 or 204.</summary>
    V20220601,
}
