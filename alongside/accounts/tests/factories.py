import itertools

from django_otp.plugins.otp_totp.models import TOTPDevice

from alongside.accounts.models import Role, Team, User

_numbers = itertools.count(1)
PASSWORD = "a long enough test passphrase"


def team_create(name: str | None = None) -> Team:
    return Team.objects.create(name=name or f"Team {next(_numbers)}")


def user_create(
    *,
    role: str = Role.PRACTITIONER,
    team: Team | None = None,
    two_factor: bool | None = None,
    **fields,
) -> User:
    number = next(_numbers)
    user = User.objects.create_user(
        email=fields.pop("email", f"user{number}@example.test"),
        password=fields.pop("password", PASSWORD),
        full_name=fields.pop("full_name", f"Test User {number}"),
        role=role,
        team=team,
        **fields,
    )
    if two_factor if two_factor is not None else user.is_staff_member:
        TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    return user
