from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import PlainForm
from alongside.outcomes.models import AnsweredHow


class AnswerForm(PlainForm):
    """One question per item, each optional (partial answers are kept), from the definition."""

    def __init__(self, *args, definition: dict, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        for item in definition["items"]:
            self.fields[f"item_{item['code']}"] = forms.TypedChoiceField(
                label=item["text"],
                choices=[(o["value"], o["label"]) for o in item["options"]],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the answers")},
            )
        if staff:
            self.fields["how"] = forms.ChoiceField(
                label=_("Who answered?"),
                choices=AnsweredHow.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose who answered")},
            )

    def answers(self) -> dict:
        return {
            name.removeprefix("item_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item_") and value not in (None, "")
        }
