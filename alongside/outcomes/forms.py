from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.core.forms import PlainForm
from alongside.outcomes.models import AnsweredHow, GasLevel


def _how_field(staff: bool) -> forms.ChoiceField:
    """Staff say who answered; someone answering for themselves says whether they had help."""
    if not staff:
        return forms.ChoiceField(
            label=_("Did someone help you answer? (optional)"),
            choices=[(AnsweredHow.SELF, _("No, by myself")), (AnsweredHow.WITH_HELP, _("Yes"))],
            widget=forms.RadioSelect,
            required=False,
            error_messages={"invalid_choice": _("Choose yes or no")},
        )
    return forms.ChoiceField(
        label=_("Who answered?"),
        choices=AnsweredHow.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who answered")},
    )


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
        self.fields["how"] = _how_field(staff)

    def answers(self) -> dict:
        return {
            name.removeprefix("item_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item_") and value not in (None, "")
        }


class GoalRatingForm(PlainForm):
    """Where each goal stands today, on its five levels in the person's words."""

    def __init__(self, *args, goals: list, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=[
                    (GasLevel.MUCH_LESS, goal.level_much_less),
                    (GasLevel.LESS, goal.level_less),
                    (GasLevel.EXPECTED, goal.level_expected),
                    (GasLevel.MORE, goal.level_more),
                    (GasLevel.MUCH_MORE, goal.level_much_more),
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose where things are for this goal"),
                    "invalid_choice": _("Choose one of the five levels"),
                },
            )
            self.fields[f"words_{goal.pk}"] = forms.CharField(
                label=_("Anything to add, in your words (optional)"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["how"] = _how_field(staff)

    def levels(self) -> dict[int, tuple[int, str]]:
        return {
            goal.pk: (
                self.cleaned_data[f"goal_{goal.pk}"],
                self.cleaned_data.get(f"words_{goal.pk}", "").strip(),
            )
            for goal in self.goals
        }


class ScheduleForm(PlainForm):
    every = forms.TypedChoiceField(
        label=_("Between reviews, ask how it's going"),
        choices=[
            ("", _("Only when the plan starts and at the review")),
            (1, _("Every month")),
            (3, _("Every 3 months")),
            (6, _("Every 6 months")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose how often to ask")},
    )
