import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.forms import StatementForm
from alongside.core.forms import DateField, PlainForm, PlainModelForm, limited_text
from alongside.plans.models import GOAL_MAX_LENGTH, Funding, IdeaKind, UnitCost
from alongside.plans.money import Unit

# The most any one rate or amount may be: more is a typing mistake (an extra nought or two).
MAX_PENCE = 100_000_000  # £1,000,000
_MONEY = re.compile(r"^£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


class MoneyField(forms.CharField):
    """Pounds and pence typed as people type them (£1,234.50, 85, 85.5) → integer pence."""

    def to_python(self, value) -> int | None:
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        if text.startswith("-") or text.startswith("£-"):
            raise forms.ValidationError(
                _("%(label)s cannot be less than £0") % {"label": self.label}
            )
        if not _MONEY.match(text):
            raise forms.ValidationError(
                _("Enter %(label)s in pounds and pence, like 85.50")
                % {"label": str(self.label).lower()}
            )
        try:
            pence = int(Decimal(text.lstrip("£").strip().replace(",", "")) * 100)
        except InvalidOperation:
            raise forms.ValidationError(
                _("Enter an amount in pounds and pence, like 85.50")
            ) from None
        if pence > MAX_PENCE:
            raise forms.ValidationError(
                _("%(label)s must be £1,000,000 or less") % {"label": self.label}
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
    """A goal in the person's words: the same choices of whose words, as About me."""

    text = limited_text(label=_("What they want to achieve"), max_length=GOAL_MAX_LENGTH, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text = self.fields["text"]
        text.error_messages["max_length"] = (
            _("A goal must be 1,000 characters or fewer") + " " + _("(you have %(show_value)s)")
        )
        if "voice" not in self.fields:  # the person, writing their own goal
            text.label = _("What you want to achieve")


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

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        person = plan.person
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["unit_cost"].queryset = UnitCost.objects.in_force_on(timezone.localdate())
        self.people = {"person": person.preferred_name or person.given_name}
        self.people |= {f"circle-{m.pk}": m.name for m in person.circle.all()}
        if user.is_staff_member:
            self.people["staff"] = user.full_name
        self.fields["suggested_by"].choices = list(self.people.items())

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
            "goal": None if data["is_traditional"] else data["goal"],
            "is_traditional": data["is_traditional"],
            "title": data["title"],
            "kind": data["kind"],
            "suggested_by_circle": suggested != "staff",
            "suggested_by_name": self.people[suggested],
            "pros": data["pros"],
            "cons": data["cons"],
            "one_off_pence": data["one_off"] or 0,
            "rate_pence": data["rate"],
            "unit": data["unit"],
            "units_per_week": data["units_per_week"] or 0,
            "unit_cost": data["unit_cost"],
            "funding": data["funding"],
            "person_likes": data["person_likes"],
            "chosen": data["chosen"],
        }
