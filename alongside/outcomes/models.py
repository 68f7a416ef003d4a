"""Outcome measures as data: an instrument's definition (items, answers, scoring, bands, licence)
is loaded from a file and kept as a numbered version. Answers keep the version they were given
against, so changing a definition never changes an old score."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Instrument(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def current(self) -> "InstrumentVersion | None":
        return self.versions.order_by("-number").first()


class InstrumentVersion(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    # The normalised definition (see outcomes.definitions): what scoring reads.
    definition = models.JSONField()
    # SHA-256 of the definition as canonical JSON: loading the same file again changes nothing.
    checksum = models.CharField(max_length=64)
    licence = models.TextField(blank=True)
    attribution = models.CharField(max_length=300, blank=True)
    source = models.CharField(_("loaded from"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="one_instrument_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument.name}, version {self.number}"


class AnsweredHow(models.TextChoices):
    SELF = "self", _("By themselves")
    WITH_HELP = "with_help", _("With help")
    PROXY = "proxy", _("By someone else for them")


class Answer(models.Model):
    """One sitting of a questionnaire, or a recorded "no, thank you". Partial answers are kept."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="outcome_answers"
    )
    # Set when an unpaid carer answered about their own wellbeing (not about the person). The
    # person does not see these; the person's staff do (like the carers' own pages).
    carer = models.ForeignKey(
        "people.CircleMember",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_answers",
    )
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="answers")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    how = models.CharField(max_length=16, choices=AnsweredHow.choices)
    answers = models.JSONField(default=dict, blank=True)
    declined = models.BooleanField(default=False)
    total = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    band = models.CharField(max_length=100, blank=True)
    complete = models.BooleanField(default=False)
    answered_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered_on", "id"]
        indexes = [models.Index(fields=["person", "version", "answered_on"])]

    def __str__(self) -> str:
        return f"{self.version} on {self.answered_on}"


class GasLevel(models.IntegerChoices):
    MUCH_LESS = -2, _("Much less than expected")
    LESS = -1, _("Somewhat less than expected")
    EXPECTED = 0, _("What we expect")
    MORE = 1, _("Somewhat more than expected")
    MUCH_MORE = 2, _("Much more than expected")


class Moment(models.TextChoices):
    BASELINE = "baseline", _("When the plan started")
    INTERVAL = "interval", _("Check-in")
    REVIEW = "review", _("At the review")


class GoalRating(models.Model):
    """Goal Attainment Scaling: where one plan goal stands, on its five levels in the person's
    words (written on the goal). A rating sitting for a plan is its ratings on one day; the
    combined T-score is worked out from them with the goals' weights (scoring.gas_t_score)."""

    goal = models.ForeignKey("plans.Goal", on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="goal_ratings"
    )
    level = models.SmallIntegerField(choices=GasLevel.choices)
    moment = models.CharField(max_length=16, choices=Moment.choices)
    words = models.TextField(_("in their words"), max_length=2000, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    how = models.CharField(max_length=16, choices=AnsweredHow.choices)
    rated_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rated_on", "id"]
        indexes = [models.Index(fields=["person", "rated_on"])]

    def __str__(self) -> str:
        return f"{self.goal} at {self.level} on {self.rated_on}"
