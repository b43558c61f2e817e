namespace LiveServerless.Functions.Chat;

public sealed record PostMessageRequest(string? Text);
