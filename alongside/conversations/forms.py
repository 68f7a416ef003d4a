from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.aboutme.models import Section, Voice
from alongside.conversations.models import (
    NOTE_MAX_LENGTH,
    PREPARATION_MAX_LENGTH,
    Conversation,
    Kind,
    Place,
    Prompt,
)
from alongside.core.forms import DateField, PlainForm, PlainModelForm, limited_text


class ConversationForm(PlainModelForm):
    held_on = DateField(
        label=_("Date of the conversation"),
        not_in_future=True,
        help_text=_("For example, 3 3 2026"),
    )

    class Meta:
        model = Conversation
        fields = [
            "held_on",
            "kind",
            "place",
            "place_detail",
            "person_took_part",
            "supporters",
            "others_present",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "place": forms.RadioSelect,
            "supporters": forms.CheckboxSelectMultiple,
        }
        labels = {"supporters": _("People from their circle who took part")}
        error_messages = {
            "kind": {"required": _("Choose what kind of conversation this was")},
            "place": {"required": _("Choose where the conversation happened")},
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["held_on"].error_messages["required"] = _("Enter the date of the conversation")
        self.fields["kind"].choices = Kind.choices
        self.fields["place"].choices = Place.choices
        self.fields["supporters"].queryset = person.circle.all()
        self.fields["supporters"].required = False
        self.fields["others_present"].help_text = _("For example, an interpreter or an advocate")
        self.fields["person_took_part"].label = _("The person took part")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("place") == Place.ELSEWHERE and not cleaned.get("place_detail", "").strip():
            self.add_error("place_detail", _("Say where the conversation happened"))
        return cleaned


class NoteForm(PlainForm):
    text = limited_text(label=_("Note"), max_length=NOTE_MAX_LENGTH, rows=4)
    voice = forms.ChoiceField(
        label=_("Whose words?"),
        choices=Voice.choices,
        initial=Voice.OWN_WORDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whose words these are")},
    )
    prompt = forms.ModelChoiceField(
        label=_("The question it answers (optional)"),
        queryset=Prompt.objects.filter(is_active=True),
        required=False,
        empty_label=_("None in particular"),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ToAboutMeForm(PlainForm):
    section = forms.ChoiceField(
        label=_("Which part of About me does this belong in?"),
        choices=Section.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a part of About me")},
    )
    speaker = forms.ModelChoiceField(
        label=_("Which supporter said it?"),
        queryset=None,
        required=False,
        empty_label=_("Choose who said it"),
    )

    def __init__(self, *args, note, **kwargs):
        super().__init__(*args, **kwargs)
        supporters = note.conversation.supporters.all()
        if note.voice == Voice.SUPPORTER_WORDS and supporters.count() > 1:
            self.fields["speaker"].queryset = supporters
            self.fields["speaker"].required = True
            self.fields["speaker"].error_messages["required"] = _("Choose which supporter said it")
        else:
            del self.fields["speaker"]


class PreparationForm(PlainForm):
    """One box per question; all optional. ``seen_version`` guards against a lost update."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        for answer in answers:
            name = f"answer_{answer.prompt.pk}"
            self.fields[name] = limited_text(
                label=answer.prompt.text,
                max_length=PREPARATION_MAX_LENGTH,
                rows=3,
                required=False,
            )
            self.initial.setdefault(name, answer.text)

    def texts(self) -> dict[int, str]:
        return {
            int(name.removeprefix("answer_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }
