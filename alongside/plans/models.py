"""Support plans: versions, goals, ideas and their costs, actions, the contingency plan, each
party's agreement and reviews; and the unit-cost table and plan rules administrators keep."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.models import AttributedWords
from alongside.needs.models import area_labels
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


class PlanRules(models.Model):
    """The council's rules for plans, kept by administrators. One row."""

    manager_threshold_pence = models.PositiveIntegerField(
        _("council-funded cost a year above which a team manager must agree"), default=1_000_000
    )
    review_months = models.PositiveSmallIntegerField(
        _("months from agreement to the review"), default=12
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return str(_("Plan rules"))

    @classmethod
    def current(cls) -> "PlanRules":
        rules, _created = cls.objects.get_or_create(pk=1)
        return rules


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    ACTIVE = "active", _("Active")
    UNDER_REVIEW = "under_review", _("Under review")
    REPLACED = "replaced", _("Replaced")


LIVE_STATUSES = (PlanStatus.AGREED, PlanStatus.ACTIVE, PlanStatus.UNDER_REVIEW)
# Once the review is recorded (under review), it is no longer due: the next version is.
REVIEW_STATUSES = (PlanStatus.AGREED, PlanStatus.ACTIVE)


class PlanQuerySet(models.QuerySet):
    def about(self, person) -> "PlanQuerySet":
        return self.filter(person=person)

    def current(self) -> "PlanQuerySet":
        return self.exclude(status=PlanStatus.REPLACED).order_by("-number")

    def in_force(self) -> "PlanQuerySet":
        """Agreed and not yet replaced: the versions whose actions and reviews are live."""
        return self.filter(status__in=LIVE_STATUSES)

    def awaiting_review(self) -> "PlanQuerySet":
        return self.filter(status__in=REVIEW_STATUSES)


class Plan(models.Model):
    """One version of a person's support plan. Drafts change; agreed versions never do."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="plans")
    number = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Goes up by one with every change to a draft: an edit made on an older revision is refused
    # (no lost updates), and an agreement given to an older revision no longer counts.
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # If things go wrong: the contingency plan.
    warning_signs = models.TextField(_("warning signs"), max_length=2000, blank=True)
    what_to_do = models.TextField(_("what to do"), max_length=2000, blank=True)
    who_to_call = models.TextField(_("who to call"), max_length=2000, blank=True)
    # Set once, when the version is agreed, and never changed after.
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rates_on = models.DateField(null=True, blank=True)
    ideas_total = models.PositiveIntegerField(null=True, blank=True)
    ideas_from_circle = models.PositiveIntegerField(null=True, blank=True)
    year_pence = models.PositiveIntegerField(null=True, blank=True)
    council_funded_year_pence = models.PositiveIntegerField(null=True, blank=True)
    needed_manager = models.BooleanField(default=False)
    # Life after agreement.
    started_on = models.DateField(null=True, blank=True)
    review_due = models.DateField(_("review date"), null=True, blank=True)
    # How often to ask the outcome questions between reviews (months); None: only at the start
    # and at the review.
    outcomes_every_months = models.PositiveSmallIntegerField(
        _("ask how it's going every"), null=True, blank=True
    )
    replaced_at = models.DateTimeField(null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "number"], name="one_plan_per_version_number"
            ),
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="draft"), name="one_draft_plan"
            ),
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(status="active"), name="one_active_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"Plan version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_frozen(self) -> bool:
        return self.status != PlanStatus.DRAFT

    def review_overdue(self, today) -> bool:
        return (
            self.status in LIVE_STATUSES and self.review_due is not None and self.review_due < today
        )


class Goal(AttributedWords):
    """What the person wants to achieve, in their words, with provenance as in About me."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal"), max_length=GOAL_MAX_LENGTH)
    # The person's order of importance: 1 first.
    position = models.PositiveIntegerField(default=1)
    statements = models.ManyToManyField("aboutme.Statement", blank=True, related_name="goals")
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="goals")
    wellbeing_areas = models.JSONField(default=list, blank=True)
    # Goal Attainment Scaling: the five levels in the person's words (−2 … +2), and how much this
    # goal counts in the combined score (1 = as much as any other).
    level_much_less = models.CharField(_("much less than expected"), max_length=300, blank=True)
    level_less = models.CharField(_("somewhat less than expected"), max_length=300, blank=True)
    level_expected = models.CharField(_("what we expect"), max_length=300, blank=True)
    level_more = models.CharField(_("somewhat more than expected"), max_length=300, blank=True)
    level_much_more = models.CharField(_("much more than expected"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("how much this goal counts"), default=1)
    revision = models.PositiveIntegerField(default=1)
    # The row this was copied from, when a new version started from the last: how versions
    # are compared.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def wellbeing_labels(self) -> list[str]:
        return area_labels(self.wellbeing_areas)


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
    # Which supporter, when it was one: they took part, so their agreement is asked for.
    suggested_by_member = models.ForeignKey(
        "people.CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
    revision = models.PositiveIntegerField(default=1)
    # The row this was copied from, when a new version started from the last: how versions
    # are compared.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class ActionOwner(models.TextChoices):
    PERSON = "person", _("The person")
    SUPPORTER = "supporter", _("A supporter")
    PRACTITIONER = "practitioner", _("The practitioner")
    COMMUNITY = "community", _("A community organisation")
    PROVIDER = "provider", _("A provider")


class ActionStatus(models.TextChoices):
    TO_DO = "to_do", _("Not started")
    IN_PROGRESS = "in_progress", _("Started")
    DONE = "done", _("Done")
    NOT_NEEDED = "not_needed", _("No longer needed")


OPEN_ACTION_STATUSES = (ActionStatus.TO_DO, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet):
    def overdue(self, today) -> "ActionQuerySet":
        return self.filter(
            due_on__lt=today, status__in=OPEN_ACTION_STATUSES, plan__status__in=LIVE_STATUSES
        )


class Action(models.Model):
    """Who does what by when. The words, owner and date are part of the agreed plan; the status
    is progress and moves on after agreement."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    text = models.CharField(_("what will be done"), max_length=300)
    owner_kind = models.CharField(_("who"), max_length=16, choices=ActionOwner.choices)
    owner_name = models.CharField(_("their name"), max_length=200)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.TO_DO
    )
    revision = models.PositiveIntegerField(default=1)
    # The row this was copied from, when a new version started from the last: how versions
    # are compared.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:40]

    def is_overdue(self, today) -> bool:
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status in OPEN_ACTION_STATUSES
            and self.plan.status in LIVE_STATUSES
        )


class Party(models.TextChoices):
    PERSON = "person", _("The person")
    SUPPORTER = "supporter", _("A supporter")
    PRACTITIONER = "practitioner", _("The practitioner")
    TEAM_MANAGER = "team_manager", _("The team manager")


class Decision(models.TextChoices):
    AGREE = "agree", _("Agree")
    RESERVATIONS = "reservations", _("Agree, with reservations")
    DISAGREE = "disagree", _("Disagree")


AGREEMENT_MAX_LENGTH = 2000


class Agreement(models.Model):
    """One party's decision on one revision of a draft, in their own words. Append-only: a
    changed mind is a new row; the latest for the plan's current revision counts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    party = models.CharField(max_length=16, choices=Party.choices)
    circle_member = models.ForeignKey(
        "people.CircleMember", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    words = models.TextField(_("in their own words"), max_length=AGREEMENT_MAX_LENGTH, blank=True)
    # Recorded by a practitioner from what the party said in person, not typed by them.
    given_in_person = models.BooleanField(default=False)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    plan_revision = models.PositiveIntegerField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_decision_display()}"

    @property
    def latest_check(self) -> "AgreementCheck | None":
        checks = list(self.checks.all())
        return checks[-1] if checks else None


class AgreementCheck(models.Model):
    """The party's own word on a decision someone else wrote down for them "given in person":
    that is right, or not quite (and what they meant). Kept beside the decision, which does not
    change."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="checks")
    is_right = models.BooleanField()
    words = models.TextField(max_length=AGREEMENT_MAX_LENGTH, blank=True)
    checked_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["checked_at", "id"]

    def __str__(self) -> str:
        return f"Check of {self.agreement}"


REVIEW_MAX_LENGTH = 2000


class Review(models.Model):
    """What changed, what worked and what didn't, in the person's words and the practitioner's.
    Recorded on the version under review; the next version starts from it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("date of the review"), default=timezone.localdate)
    what_changed = models.TextField(max_length=REVIEW_MAX_LENGTH, blank=True)
    what_worked = models.TextField(max_length=REVIEW_MAX_LENGTH, blank=True)
    what_did_not = models.TextField(max_length=REVIEW_MAX_LENGTH, blank=True)
    # Whose words the three answers above are: the person's own, or given in person.
    person_words_given_in_person = models.BooleanField(default=True)
    practitioner_view = models.TextField(max_length=REVIEW_MAX_LENGTH, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.plan}"
