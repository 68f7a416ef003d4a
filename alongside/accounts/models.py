from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PERSON = "person", _("Person who draws on care and support")
    SUPPORTER = "supporter", _("Supporter")
    PRACTITIONER = "practitioner", _("Practitioner")
    TEAM_MANAGER = "team_manager", _("Team manager")
    COPRODUCTION_LEAD = "coproduction_lead", _("Co-production lead")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = frozenset(
    {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.COPRODUCTION_LEAD, Role.ADMINISTRATOR}
)


class Team(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def staff(self):
        return self.filter(role__in=STAFF_ROLES)


class User(AbstractBaseUser):
    """Anyone who signs in: staff, people who draw on care and support, and supporters."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "role"]

    class Meta:
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_staff_member(self) -> bool:
        return self.role in STAFF_ROLES

    @cached_property
    def must_use_two_factor(self) -> bool:
        """Staff always. People and supporters choose; once they have set it up, it is asked
        for at every sign-in (an app they turned on that is never asked for would protect
        nothing)."""
        if self.is_staff_member:
            return True
        if self.pk is None:
            return False
        from django_otp.plugins.otp_totp.models import TOTPDevice

        return TOTPDevice.objects.filter(user=self, confirmed=True).exists()


class SignInFailure(models.Model):
    """A failed sign-in, keyed by a hash of the e-mail address or client address (never either)."""

    key = models.CharField(max_length=80, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:12]} at {self.at:%H:%M:%S}"


class InvitationQuerySet(models.QuerySet):
    def unused(self) -> "InvitationQuerySet":
        return self.filter(used_at__isnull=True, cancelled_at__isnull=True)


class Invitation(models.Model):
    """An e-mailed link that lets the person, or someone in their circle, set a password.

    Only a SHA-256 hash of the token is kept: the token itself is only ever in the e-mail."""

    ROLES = (Role.PERSON, Role.SUPPORTER)

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="invitations"
    )
    # Someone in the person's circle (a supporter or an advocate); empty for the person.
    circle_member = models.ForeignKey(
        "people.CircleMember",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    recipient_name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=32, choices=[(role.value, role.label) for role in ROLES]
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # An advocate invited on the person's behalf, because the person lacks capacity to consent:
    # why, in the practitioner's words. Empty when the person agreed.
    on_behalf_reason = models.TextField(_("why the person cannot agree"), blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"Invitation {self.pk} ({self.role})"

    @property
    def first_name(self) -> str:
        return (self.recipient_name.split() or [""])[0]

    @property
    def on_behalf(self) -> bool:
        return bool(self.on_behalf_reason)

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class NewLinkRequest(models.Model):
    """Someone asked for a new invitation link; keyed by a hash (never the e-mail or address),
    so the form can be rate-limited across app servers."""

    key = models.CharField(max_length=80, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:12]} at {self.at:%H:%M:%S}"
