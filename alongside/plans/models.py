"""Plans. For now: the unit-cost table administrators keep, which costs in plans will use."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.models import AttributedWords
from alongside.plans.money import Unit, pounds

GOAL_MAX_LENGTH = 1000


class UnitCostQuerySet(models.QuerySet):
    def in_force_on(self, day) -> "UnitCostQuerySet":
        """For each name, the rate whose effective date is the latest on or before ``day``."""
        latest = (
            self.filter(name=models.OuterRef("name"), effective_from__lte=day)
            .order_by("-effective_from", "-id")
            .values("id")[:1]
        )
        return self.filter(effective_from__lte=day, id=models.Subquery(latest))


class UnitCost(models.Model):
    """A dated, sourced rate: what the council pays (or would pay) per unit of a service."""

    name = models.CharField(_("service"), max_length=120)
    unit = models.CharField(_("per"), max_length=16, choices=Unit.choices)
    amount_pence = models.PositiveIntegerField(_("amount"))
    effective_from = models.DateField(_("in force from"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=300)
    notes = models.TextField(_("notes"), max_length=1000, blank=True)
    is_illustrative = models.BooleanField(_("illustrative (demo) figure"), default=False)

    objects = UnitCostQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-effective_from"]
        indexes = [models.Index(fields=["name", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_display} {self.get_unit_display()}"

    @property
    def amount_display(self) -> str:
        suffix = f" ({_('illustrative')})" if self.is_illustrative else ""
        return pounds(self.amount_pence) + suffix


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review")
    REPLACED = "replaced", _("Replaced")


class PlanQuerySet(models.QuerySet):
    def about(self, person) -> "PlanQuerySet":
        return self.filter(person=person)

    def current(self) -> "PlanQuerySet":
        return self.exclude(status=PlanStatus.REPLACED).order_by("-number")


class Plan(models.Model):
    """One version of a person's support plan. Drafts change; agreed versions never do."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plans")
    number = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="one_plan_per_version_number")
        ]

    def __str__(self) -> str:
        return f"Plan version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class Goal(AttributedWords):
    """What the person wants to achieve, in their words, with provenance as in About me."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal"), max_length=GOAL_MAX_LENGTH)
    # The person's order of importance: 1 first.
    position = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class IdeaKind(models.TextChoices):
    OWN = "own", _("Their own resources")
    FAMILY_FRIENDS = "family_friends", _("Family and friends")
    COMMUNITY = "community", _("A community group or service")
    EQUIPMENT = "equipment", _("Equipment or an adaptation")
    ONE_OFF = "one_off", _("A one-off purchase")
    PAID = "paid", _("A paid service")
    COMMISSIONED = "commissioned", _("A council-commissioned service")


class Funding(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", _("Personal budget, as a direct payment")
    COUNCIL_MANAGED = "council_managed", _("Personal budget, managed by the council")
    COMMISSIONED = "commissioned", _("Commissioned support")
    OWN_MONEY = "own_money", _("Their own money")
    FREE = "free", _("Free or community")
    NHS = "nhs", _("NHS")


class Idea(models.Model):
    """A way towards a goal, or the traditional package the council would otherwise commission."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ideas")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="ideas"
    )
    title = models.CharField(_("idea"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=IdeaKind.choices)
    # Who suggested it: the person, someone in their circle, or a professional.
    suggested_by_circle = models.BooleanField(default=False)
    suggested_by_name = models.CharField(_("suggested by"), max_length=200)
    added_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    pros = models.TextField(_("what's good about it"), max_length=1000, blank=True)
    cons = models.TextField(_("what's not so good"), max_length=1000, blank=True)
    one_off_pence = models.PositiveIntegerField(default=0)
    rate_pence = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.ONE_OFF)
    units_per_week = models.DecimalField(max_digits=6, decimal_places=2, default=0)
    unit_cost = models.ForeignKey(
        UnitCost, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    funding = models.CharField(_("paid for by"), max_length=32, choices=Funding.choices)
    person_likes = models.BooleanField(default=False)
    chosen = models.BooleanField(default=False)
    is_traditional = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
