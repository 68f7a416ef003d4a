from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
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

    @property
    def must_use_two_factor(self) -> bool:
        return self.is_staff_member


class SignInFailure(models.Model):
    """A failed sign-in, keyed by a hash of the e-mail address or client address (never either)."""

    key = models.CharField(max_length=80, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.key[:12]} at {self.at:%H:%M:%S}"
