namespace LiveServerless.Domain.Users;

public enum UserRole
{
    Viewer,
    Host,
    Moderator,
}
