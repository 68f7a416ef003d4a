from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Role


class PeopleFilterForm(forms.Form):
    MINE = "mine"
    TEAM = "team"

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        help_text=_("Part of a first or last name"),
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
        return self.cleaned_data.get("show") or self.default_show, self.cleaned_data["q"]
