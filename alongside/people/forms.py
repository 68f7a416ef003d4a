import re

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Role
from alongside.core.forms import DateField, PlainForm, PlainModelForm
from alongside.people.identifiers import nhs_number_clean
from alongside.people.models import (
    CircleMember,
    CommunicationNeed,
    Person,
    Shareable,
    SupportReason,
)

# The shape of a UK postcode (outward code, space, inward code); the demo's SB area included.
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")


class PeopleFilterForm(PlainForm):
    MINE = "mine"
    TEAM = "team"

    q = forms.CharField(
        label=_("Find a person"),
        required=False,
        max_length=100,
        help_text=_(
            "Part of a name, a date of birth like 11/2/1947, an NHS number, a council ID or a postcode"
        ),
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    show = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(MINE, _("People allocated to me")), (TEAM, _("Everyone in my team"))],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.default_show = self.MINE if user.role == Role.PRACTITIONER else self.TEAM
        if user.role != Role.PRACTITIONER:
            del self.fields["show"]

    def choices(self) -> tuple[str, str]:
        """What to show and the search words; anything unrecognised falls back to the defaults."""
        if not self.is_bound or not self.is_valid():
            return self.default_show, ""
        return self.cleaned_data.get("show") or self.default_show, self.cleaned_data["q"].strip()


class PersonDetailsForm(PlainModelForm):
    """About me details. NHS number and council ID are optional; an NHS number must check out."""

    date_of_birth = DateField(
        label=_("Date of birth"),
        not_in_future=True,
        required=False,
        help_text=_("For example, 11 2 1947"),
    )
    nhs_number = forms.CharField(
        label=_("NHS number (optional)"),
        required=False,
        max_length=13,
        help_text=_("10 digits, like 943 476 5919"),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input--width-10", "spellcheck": "false"}
        ),
    )
    communication_needs = forms.MultipleChoiceField(
        label=_("Support with communication"),
        choices=CommunicationNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "primary_support_reason" in self.fields:
            self.fields["primary_support_reason"].required = False

    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "email",
            "address",
            "postcode",
            "nhs_number",
            "council_id",
            "language",
            "communication_needs",
            "primary_support_reason",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "preferred_name": _("What they like to be called (optional)"),
            "pronouns": _("Pronouns (optional)"),
            "council_id": _("Council person ID (optional)"),
            "language": _("Main language (optional)"),
            "primary_support_reason": _("Primary support reason"),
        }
        error_messages = {
            "primary_support_reason": {
                "invalid_choice": _("Choose a support reason from the list")
            },
            "given_name": {"required": _("Enter their first name")},
            "family_name": {"required": _("Enter their last name")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.com")
            },
        }

    def clean_nhs_number(self):
        value = self.cleaned_data["nhs_number"].strip()
        if not value:
            return None
        digits = nhs_number_clean(value)
        clash = Person.objects.filter(nhs_number=digits).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _(
                    "Another person already has this NHS number. Check the number, or find that person instead."
                )
            )
        return digits

    def clean_primary_support_reason(self):
        return self.cleaned_data["primary_support_reason"] or SupportReason.UNKNOWN

    def clean_postcode(self):
        value = " ".join(self.cleaned_data["postcode"].upper().split())
        if value and not _POSTCODE.match(value):
            raise forms.ValidationError(_("Enter a real postcode, like SB2 4RW"))
        return value


class NewPersonForm(PersonDetailsForm):
    """Adding someone: the same details, then a check for people who may already be recorded."""

    confirm_not_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person"), required=False
    )

    class Meta(PersonDetailsForm.Meta):
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "postcode",
            "nhs_number",
            "council_id",
        ]


class CircleMemberForm(PlainModelForm):
    caring_hours_per_week = forms.IntegerField(
        label=_("About how many hours a week do they spend caring? (optional)"),
        required=False,
        min_value=0,
        max_value=168,
        error_messages={
            "min_value": _("Hours caring must be 0 or more"),
            "max_value": _("Hours caring must be 168 or fewer: there are 168 hours in a week"),
            "invalid": _("Enter hours caring as a whole number, like 35"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )

    class Meta:
        model = CircleMember
        fields = [
            "name",
            "relationship",
            "relationship_detail",
            "phone",
            "email",
            "is_unpaid_carer",
            "caring_hours_per_week",
            "wants_carers_assessment",
        ]
        widgets = {"relationship": forms.RadioSelect}
        labels = {
            "relationship_detail": _("How they know each other (optional)"),
            "is_unpaid_carer": _("They are an unpaid carer"),
            "wants_carers_assessment": _("They would like a carer's assessment"),
            "phone": _("Phone number (optional)"),
            "email": _("Email address (optional)"),
        }
        error_messages = {
            "name": {"required": _("Enter their name")},
            "relationship": {"required": _("Choose how they are connected")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.com")
            },
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("caring_hours_per_week") and not cleaned.get("is_unpaid_carer"):
            self.add_error("is_unpaid_carer", _("Tick this if they spend time caring"))
        return cleaned


class SharingForm(PlainForm):
    shared_sections = forms.MultipleChoiceField(
        label=_("What can they see?"),
        choices=Shareable.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave them all unticked to share nothing. You can change this at any time."),
    )
