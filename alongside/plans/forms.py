import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.forms import StatementForm
from alongside.accounts.models import Role
from alongside.core.forms import DateField, PlainForm, PlainModelForm, limited_text
from alongside.needs.models import Status as NeedStatus
from alongside.needs.models import WellbeingArea
from alongside.plans.models import (
    AGREEMENT_MAX_LENGTH,
    GOAL_MAX_LENGTH,
    REVIEW_MAX_LENGTH,
    ActionOwner,
    ActionStatus,
    Decision,
    Funding,
    IdeaKind,
    Party,
    PlanRules,
    UnitCost,
)
from alongside.plans.money import Unit

# The most any one rate or amount may be: more is a typing mistake (an extra nought or two).
MAX_PENCE = 100_000_000  # £1,000,000
_MONEY = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


class MoneyField(forms.CharField):
    """Pounds and pence typed as people type them (£1,234.50, 85, 85.5) → integer pence."""

    def _name(self) -> str:
        """The label without " (optional)", to name the field in a message."""
        return str(self.label).replace(str(_("(optional)")), "").strip()

    def to_python(self, value) -> int | None:
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        if text.startswith("-") or text.startswith("£-"):
            raise forms.ValidationError(
                _("%(label)s cannot be less than £0") % {"label": self._name()}
            )
        if not _MONEY.match(text):
            raise forms.ValidationError(
                _("Enter %(label)s in pounds and pence, like 85.50")
                % {"label": self._name().lower()}
            )
        try:
            pence = int(Decimal(text.lstrip("£").strip().replace(",", "")) * 100)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Enter an amount in pounds and pence, like 85.50")
            ) from None
        if pence > MAX_PENCE:
            raise forms.ValidationError(
                _("%(label)s must be £1,000,000 or less") % {"label": self._name()}
            )
        return pence


class UnitCostForm(PlainModelForm):
    amount_pence = MoneyField(label=_("Amount"), help_text=_("In pounds and pence, like 85.50"))
    effective_from = DateField(label=_("In force from"), help_text=_("For example, 1 4 2026"))

    class Meta:
        model = UnitCost
        fields = [
            "name",
            "unit",
            "amount_pence",
            "effective_from",
            "source",
            "notes",
            "is_illustrative",
        ]
        widgets = {"unit": forms.RadioSelect}
        help_texts = {
            "source": _("Where the figure comes from, like 'Council fair cost of care 2026-27'")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["amount_pence"] = f"{self.instance.amount_pence / 100:.2f}"


class GoalForm(StatementForm):
    """A goal in the person's words: the same choices of whose words, as About me; and what it
    is linked to: things they said About me, their needs, and the areas of wellbeing."""

    text = limited_text(label=_("What they want to achieve"), max_length=GOAL_MAX_LENGTH, rows=3)
    statements = forms.ModelMultipleChoiceField(
        label=_("Linked to what they said About me (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    needs = forms.ModelMultipleChoiceField(
        label=_("Linked to their needs (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wellbeing_areas = forms.MultipleChoiceField(
        label=_("Areas of wellbeing it is about (optional)"),
        choices=WellbeingArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        person = kwargs["person"]
        super().__init__(*args, **kwargs)
        self.fields["statements"].queryset = person.statements.order_by("section", "created_at")
        self.fields["needs"].queryset = person.needs.filter(
            carer=None, status=NeedStatus.CURRENT
        ).order_by("id")
        self.fields["statements"].label_from_instance = lambda s: s.text[:120]
        text = self.fields["text"]
        text.error_messages["max_length"] = (
            _("A goal must be 1,000 characters or fewer") + " " + _("(you have %(show_value)s)")
        )
        if "voice" not in self.fields:  # the person, writing their own goal
            text.label = _("What you want to achieve")


class GoalLevelsForm(PlainForm):
    """Goal Attainment Scaling: what each of five levels would look like, in the person's words.
    All five, or none (a goal without levels is simply not scored)."""

    level_much_less = forms.CharField(
        label=_("Much less than expected (−2)"), max_length=300, required=False
    )
    level_less = forms.CharField(
        label=_("Somewhat less than expected (−1)"),
        help_text=_("Often where things are now"),
        max_length=300,
        required=False,
    )
    level_expected = forms.CharField(
        label=_("What we expect by the review (0)"), max_length=300, required=False
    )
    level_more = forms.CharField(
        label=_("Somewhat more than expected (+1)"), max_length=300, required=False
    )
    level_much_more = forms.CharField(
        label=_("Much more than expected (+2)"), max_length=300, required=False
    )
    weight = forms.TypedChoiceField(
        label=_("How much does this goal count, next to the others?"),
        choices=[
            (1, _("As much as the others")),
            (2, _("Twice as much")),
            (3, _("Three times as much")),
        ],
        coerce=int,
        initial=1,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how much this goal counts")},
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    LEVELS = ("level_much_less", "level_less", "level_expected", "level_more", "level_much_more")

    def clean(self):
        data = super().clean()
        written = [name for name in self.LEVELS if (data.get(name) or "").strip()]
        if written and len(written) < len(self.LEVELS):
            for name in self.LEVELS:
                if not (data.get(name) or "").strip():
                    self.add_error(
                        name, _("Write this level too: all five are needed to measure progress")
                    )
        return data

    def levels(self) -> dict:
        return {name: self.cleaned_data.get(name, "").strip() for name in self.LEVELS}


class IdeaForm(PlainForm):
    is_traditional = forms.BooleanField(
        label=_("This is the traditional package the council would otherwise commission"),
        required=False,
    )
    goal = forms.ModelChoiceField(
        label=_("Which goal is it for?"),
        queryset=None,
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("The idea"), max_length=200)
    kind = forms.ChoiceField(
        label=_("What kind of idea is it?"), choices=IdeaKind.choices, widget=forms.RadioSelect
    )
    suggested_by = forms.ChoiceField(label=_("Whose idea is it?"), widget=forms.RadioSelect)
    pros = forms.CharField(
        label=_("What's good about it (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cons = forms.CharField(
        label=_("What's not so good (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    one_off = MoneyField(
        label=_("One-off cost (optional)"), required=False, help_text=_("In pounds, like 2400")
    )
    unit = forms.ChoiceField(
        label=_("Does it cost something regularly?"),
        choices=[(Unit.ONE_OFF, _("No, nothing regular"))]
        + [c for c in Unit.choices if c[0] != Unit.ONE_OFF],
        widget=forms.RadioSelect,
        initial=Unit.ONE_OFF,
    )
    unit_cost = forms.ModelChoiceField(
        label=_("Rate from the council's table (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not from the table"),
    )
    rate = MoneyField(
        label=_("Or its rate, if not in the table (optional)"),
        required=False,
        help_text=_("Leave both empty if the cost is not known yet"),
    )
    units_per_week = forms.DecimalField(
        label=_("How many a week? (for a monthly cost: how many a month)"),
        required=False,
        min_value=0,
        max_value=168,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={
            "max_value": _("That is more than there are hours in a week: enter 168 or fewer"),
            "min_value": _("Enter 0 or more"),
        },
    )
    funding = forms.ChoiceField(
        label=_("Who pays?"), choices=Funding.choices, widget=forms.RadioSelect
    )
    person_likes = forms.BooleanField(label=_("The person likes this idea"), required=False)
    chosen = forms.BooleanField(label=_("Chosen for the plan"), required=False)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, user, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        person = plan.person
        self.fields["goal"].queryset = plan.goals.all()
        unit_costs = UnitCost.objects.in_force_on(timezone.localdate())
        if idea is not None and idea.unit_cost_id:
            unit_costs = unit_costs | UnitCost.objects.filter(pk=idea.unit_cost_id)
        self.fields["unit_cost"].queryset = unit_costs
        circle = list(person.circle.all())
        self.members = {f"circle-{m.pk}": m for m in circle}
        if user.role == Role.SUPPORTER:
            # A supporter's idea is theirs; choosing and liking are for the person and staff.
            self.members = {k: m for k, m in self.members.items() if m.account_id == user.pk}
            self.people = {k: m.name for k, m in self.members.items()}
            for name in ("is_traditional", "person_likes", "chosen"):
                del self.fields[name]
        else:
            self.people = {"person": person.preferred_name or person.given_name}
            self.people |= {k: m.name for k, m in self.members.items()}
        if user.is_staff_member:
            self.people["staff"] = user.full_name
        if idea is not None and idea.suggested_by_name not in self.people.values():
            self.people["earlier"] = idea.suggested_by_name  # a colleague's idea keeps its name
        self.fields["suggested_by"].choices = list(self.people.items())
        if idea is not None and not self.is_bound:
            self.initial = self.initial_for(idea)

    def initial_for(self, idea) -> dict:
        suggested = next(
            (k for k, v in self.people.items() if v == idea.suggested_by_name), "earlier"
        )
        return {
            "is_traditional": idea.is_traditional,
            "goal": idea.goal_id,
            "title": idea.title,
            "kind": idea.kind,
            "suggested_by": suggested,
            "pros": idea.pros,
            "cons": idea.cons,
            "one_off": f"{idea.one_off_pence / 100:.2f}" if idea.one_off_pence else "",
            "unit": idea.unit,
            "unit_cost": idea.unit_cost_id,
            "rate": (
                f"{idea.rate_pence / 100:.2f}"
                if idea.rate_pence is not None and not idea.unit_cost_id
                else ""
            ),
            "units_per_week": idea.units_per_week if idea.unit != Unit.ONE_OFF else "",
            "funding": idea.funding,
            "person_likes": idea.person_likes,
            "chosen": idea.chosen,
            "seen_version": idea.revision,
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_traditional") and not cleaned.get("goal"):
            self.add_error("goal", _("Choose the goal this idea is for"))
        unit = cleaned.get("unit")
        if unit and unit != Unit.ONE_OFF and not cleaned.get("units_per_week"):
            self.add_error("units_per_week", _("Enter how many a week, like 2"))
        if cleaned.get("unit_cost") and cleaned.get("rate") is not None:
            self.add_error("rate", _("Choose a rate from the table or type one, not both"))
        return cleaned

    def details(self) -> dict:
        data = self.cleaned_data
        suggested = data["suggested_by"]
        return {
            "goal": None if data.get("is_traditional") else data["goal"],
            "is_traditional": data.get("is_traditional", False),
            "title": data["title"],
            "kind": data["kind"],
            "suggested_by_circle": suggested not in ("staff", "earlier"),
            "suggested_by_name": self.people[suggested],
            "suggested_by_member": self.members.get(suggested),
            "pros": data["pros"],
            "cons": data["cons"],
            "one_off_pence": data["one_off"] or 0,
            "rate_pence": data["rate"],
            "unit": data["unit"],
            "units_per_week": data["units_per_week"] or 0,
            "unit_cost": data["unit_cost"],
            "funding": data["funding"],
            "person_likes": data.get("person_likes", False),
            "chosen": data.get("chosen", False),
        }


class ActionForm(PlainForm):
    text = limited_text(label=_("What will be done"), max_length=300)
    goal = forms.ModelChoiceField(
        label=_("Which goal is it for? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("The whole plan"),
    )
    owner_kind = forms.ChoiceField(
        label=_("Who will do it?"),
        choices=ActionOwner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who will do it")},
    )
    owner_name = forms.CharField(
        label=_("Their name"),
        max_length=200,
        help_text=_("Like 'Maggie', 'Sam Okafor' or 'Riverside Riders Club'"),
    )
    due_on = DateField(
        label=_("By when (optional)"), required=False, help_text=_("For example, 1 3 2027")
    )
    status = forms.ChoiceField(
        label=_("How is it going?"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.TO_DO,
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, progress_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["goal"].label_from_instance = lambda g: g.text[:120]
        if progress_only:  # once agreed, only the progress of an action moves on
            for name in ("text", "goal", "owner_kind", "owner_name", "due_on"):
                del self.fields[name]

    def details(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "seen_version"}


class ContingencyForm(PlainForm):
    warning_signs = limited_text(
        label=_("Warning signs"),
        max_length=2000,
        rows=3,
        required=False,
        help_text=_("What tells you or others that things are going wrong"),
    )
    what_to_do = limited_text(label=_("What to do"), max_length=2000, rows=3, required=False)
    who_to_call = limited_text(
        label=_("Who to call"),
        max_length=2000,
        rows=3,
        required=False,
        help_text=_("Names and numbers, in the order to try them"),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        if not any(
            cleaned.get(f, "").strip() for f in ("warning_signs", "what_to_do", "who_to_call")
        ):
            raise forms.ValidationError(
                _("Write at least one part of the plan for if things go wrong")
            )
        return cleaned


class AgreementForm(PlainForm):
    """One party's decision, in their words."""

    seat = forms.ChoiceField(
        label=_("Whose decision are you recording?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whose decision this is")},
    )
    decision = forms.ChoiceField(
        label=_("Their decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose agree, agree with reservations, or disagree")},
    )
    words = limited_text(
        label=_("In their own words"),
        max_length=AGREEMENT_MAX_LENGTH,
        rows=4,
        required=False,
        help_text=_("Needed if they have reservations or disagree"),
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, seats: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = seats
        if len(seats) == 1:
            self.fields["seat"].widget = forms.HiddenInput()
            self.fields["seat"].initial = seats[0][0]
            self.fields["decision"].label = _("Your decision")
            self.fields["words"].label = _("In your own words")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (Decision.RESERVATIONS, Decision.DISAGREE)
            and not (cleaned.get("words") or "").strip()
        ):
            self.add_error(
                "words", _("Say in their words what they are unsure of or disagree with")
            )
        return cleaned

    def party(self) -> tuple[str, int | None]:
        seat = self.cleaned_data["seat"]
        if seat.startswith("supporter-"):
            return Party.SUPPORTER, int(seat.removeprefix("supporter-"))
        return seat, None


class ReviewDateForm(PlainForm):
    review_due = DateField(label=_("Review date"), help_text=_("For example, 1 3 2027"))

    def clean_review_due(self):
        day = self.cleaned_data["review_due"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The review date must be today or in the future"))
        return day


class ReviewForm(PlainForm):
    reviewed_on = DateField(
        label=_("Date of the review"), not_in_future=True, help_text=_("For example, 20 11 2026")
    )
    what_changed = limited_text(
        label=_("What has changed?"), max_length=REVIEW_MAX_LENGTH, rows=3, required=False
    )
    what_worked = limited_text(
        label=_("What has worked?"), max_length=REVIEW_MAX_LENGTH, rows=3, required=False
    )
    what_did_not = limited_text(
        label=_("What has not worked?"), max_length=REVIEW_MAX_LENGTH, rows=3, required=False
    )
    practitioner_view = limited_text(
        label=_("Your view, as the practitioner"),
        max_length=REVIEW_MAX_LENGTH,
        rows=3,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        person_said = ("what_changed", "what_worked", "what_did_not")
        if not any((cleaned.get(f) or "").strip() for f in person_said):
            raise forms.ValidationError(
                _(
                    "Write down at least one of what changed, what worked or what did not, in the person's words"
                )
            )
        return cleaned


class PlanRulesForm(PlainModelForm):
    manager_threshold_pence = MoneyField(
        label=_("Council-funded cost a year above which a team manager must agree"),
        help_text=_("In pounds, like 10000. Plans costing the council more need their agreement."),
    )
    review_months = forms.IntegerField(
        label=_("Months from agreement to the review"),
        min_value=1,
        max_value=36,
        help_text=_("Usually 12"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "min_value": _("Enter 1 month or more"),
            "max_value": _("Enter 36 months or fewer"),
        },
    )

    class Meta:
        model = PlanRules
        fields = ["manager_threshold_pence", "review_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["manager_threshold_pence"] = (
                f"{self.instance.manager_threshold_pence / 100:.2f}"
            )


class AgreementCheckForm(PlainForm):
    is_right = forms.ChoiceField(
        label=_("Is this what you said?"),
        choices=[("yes", _("Yes, that is right")), ("no", _("No, not quite"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no")},
    )
    words = limited_text(
        label=_("What did you mean?"),
        max_length=AGREEMENT_MAX_LENGTH,
        rows=3,
        required=False,
        help_text=_("Use your own words"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_right") == "no" and not (cleaned.get("words") or "").strip():
            self.add_error("words", _("Say what you meant, in your own words"))
        return cleaned
