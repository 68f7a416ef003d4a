import re
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Role, Team


class Origin(models.TextChoices):
    RECORDED = "recorded", _("Recorded by the council")
    DEMO = "demo", _("Demo")
    SYNTHETIC = "synthetic", _("Synthetic (benchmarks)")


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonQuerySet":
        """The people whose record this user may open. Everyone else: none."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        match user.role:
            case Role.PRACTITIONER:
                return self.filter(Q(practitioner=user) | Q(team_id=user.team_id))
            case Role.TEAM_MANAGER:
                return self.filter(team_id=user.team_id) if user.team_id else self.none()
            case Role.PERSON:
                return self.filter(account=user)
            case Role.SUPPORTER:
                return self.filter(
                    pk__in=CircleMember.objects.filter(account=user).values("person")
                )
            case _:
                # Co-production leads and administrators see aggregates, never a record.
                return self.none()

    def allocated_to(self, user) -> "PersonQuerySet":
        return self.filter(practitioner=user)

    def matching(self, words: str) -> "PersonQuerySet":
        """Search by name or preferred name, date of birth (27/3/1947), NHS number, council ID
        or postcode: whichever the words look like."""
        words = " ".join(words.split())
        if not words:
            return self
        digits = words.replace(" ", "")
        if digits.isdigit() and len(digits) == 10:
            return self.filter(Q(nhs_number=digits) | Q(council_id=words))
        if (born := _date_typed(words)) is not None:
            return self.filter(date_of_birth=born)
        if _POSTCODE_START.match(words.upper()):
            return self.filter(Q(postcode__startswith=words.upper()) | Q(council_id=words))
        lowered = words.lower()
        return self.filter(
            Q(sort_name__contains=lowered)
            | Q(preferred_name__icontains=words)
            | Q(council_id=words)
        )

    def likely_duplicates(self, *, given_name: str, family_name: str, born) -> "PersonQuerySet":
        """People already recorded with the same name and date of birth."""
        if born is None:
            return self.none()
        return self.filter(
            sort_name=Person.sort_name_for(given_name, family_name), date_of_birth=born
        )

    def for_listing(self) -> "PersonQuerySet":
        return self.select_related("practitioner", "team").order_by("sort_name", "id")


_POSTCODE_START = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9]([A-Z]{1,2})?)?$")
_DATE = re.compile(r"^(\d{1,2})[/ .-](\d{1,2})[/ .-](\d{4})$")


def _date_typed(words: str) -> date | None:
    if not (match := _DATE.match(words)):
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


class SupportReason(models.TextChoices):
    """Primary support reason, exactly as Adult Social Care Client Level Data (CLD) lists it."""

    PERSONAL_CARE = "Physical support: Personal care support", _("Physical support: personal care")
    MOBILITY = (
        "Physical support: Access and mobility only",
        _("Physical support: access and mobility only"),
    )
    VISUAL = (
        "Sensory support: Support for visual impairment",
        _("Sensory support: visual impairment"),
    )
    HEARING = (
        "Sensory support: Support for hearing impairment",
        _("Sensory support: hearing impairment"),
    )
    DUAL = "Sensory support: Support for dual impairment", _("Sensory support: dual impairment")
    MEMORY = "Support with memory and cognition", _("Support with memory and cognition")
    LEARNING = "Learning disability support", _("Learning disability support")
    MENTAL_HEALTH = "Mental health support", _("Mental health support")
    SUBSTANCE = "Social support: Substance misuse support", _("Social support: substance misuse")
    ASYLUM = "Social support: Asylum seeker support", _("Social support: asylum seeker support")
    ISOLATION = (
        "Social support: Support for social isolation or other reason",
        _("Social support: social isolation or other reason"),
    )
    CARER = (
        "Social support: Support to unpaid carer",
        _("Social support: support to an unpaid carer"),
    )
    UNKNOWN = "Unknown", _("Not known yet")


class Person(models.Model):
    """Someone who draws on care and support: the record everything else hangs from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    # Both optional; the NHS number is unique where given (checked digit, see identifiers.py).
    nhs_number = models.CharField(
        _("NHS number"), max_length=10, null=True, blank=True, unique=True
    )
    council_id = models.CharField(_("council person ID"), max_length=40, blank=True)
    language = models.CharField(_("main language"), max_length=60, blank=True)
    communication_needs = models.JSONField(_("communication needs"), default=list, blank=True)
    primary_support_reason = models.CharField(
        _("primary support reason"),
        max_length=80,
        choices=SupportReason.choices,
        default=SupportReason.UNKNOWN,
    )
    # Raised on every change of these details: a save based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="allocated_people",
        limit_choices_to={"role": Role.PRACTITIONER},
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="own_record",
        limit_choices_to={"role": Role.PERSON},
    )
    # Lower-cased "family given" so the database sorts and searches names, not Python.
    sort_name = models.CharField(max_length=201, editable=False)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.RECORDED)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["practitioner", "sort_name"]),
            models.Index(fields=["team", "sort_name"]),
            models.Index(fields=["sort_name"]),
            models.Index(fields=["origin"]),
            models.Index(fields=["council_id"]),
            models.Index(fields=["postcode"]),
            models.Index(fields=["date_of_birth"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = self.sort_name_for(self.given_name, self.family_name)
        super().save(*args, **kwargs)

    @staticmethod
    def sort_name_for(given_name: str, family_name: str) -> str:
        return f"{family_name} {given_name}".strip().lower()

    @property
    def name(self) -> str:
        return f"{self.preferred_name or self.given_name} {self.family_name}"


class CommunicationNeed(models.TextChoices):
    INTERPRETER = "interpreter", _("A spoken language interpreter")
    BSL = "bsl", _("British Sign Language")
    EASY_READ = "easy_read", _("Easy Read")
    LARGE_PRINT = "large_print", _("Large print")
    HEARING = "hearing", _("Hearing support, like a hearing loop")
    SIGHT = "sight", _("Sight support, like audio or braille")


class Relationship(models.TextChoices):
    UNPAID_CARER = "unpaid_carer", _("Unpaid carer")
    FAMILY = "family", _("Family")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    ADVOCATE = "advocate", _("Advocate")
    COMMUNITY = "community", _("Community contact")
    PROFESSIONAL = "professional", _("Professional")


class Shareable(models.TextChoices):
    """Parts of a record a person can share with someone in their circle."""

    ABOUT_ME = "about_me", _("About me")
    CIRCLE = "circle", _("My circle of support")
    PLAN = "plan", _("My plan")
    OUTCOMES = "outcomes", _("How things are changing")
    CONTACT = "contact", _("My contact details")
    MESSAGES = "messages", _("My messages with my social worker")


class CircleMember(models.Model):
    """Someone around the person. What they may see is the person's choice; by default nothing."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle")
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(_("relationship"), max_length=32, choices=Relationship)
    relationship_detail = models.CharField(
        _("how they know each other"), max_length=200, blank=True
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    is_unpaid_carer = models.BooleanField(_("unpaid carer"), default=False)
    caring_hours_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    wants_carers_assessment = models.BooleanField(_("wants a carer's assessment"), default=False)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circle_memberships",
        limit_choices_to={"role": Role.SUPPORTER},
    )
    shared_sections = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "account"],
                condition=Q(account__isnull=False),
                name="one_membership_per_account",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def can_see(self, section: str) -> bool:
        return section in self.shared_sections
