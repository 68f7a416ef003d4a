import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import DateField, PlainModelForm
from alongside.plans.models import UnitCost

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
