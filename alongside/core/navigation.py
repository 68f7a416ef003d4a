"""The service navigation each role sees."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


_DIRECTORY = (_("Community directory"), "directory:browse")
_ITEMS = {
    Role.PRACTITIONER: [(_("Home"), "core:home"), (_("People"), "people:list"), _DIRECTORY],
    Role.TEAM_MANAGER: [(_("Home"), "core:home"), (_("People"), "people:list"), _DIRECTORY],
    Role.PERSON: [(_("Home"), "core:home"), (_("My record"), "people:mine")],
    Role.SUPPORTER: [(_("Home"), "core:home")],
    Role.COPRODUCTION_LEAD: [(_("Home"), "core:home"), _DIRECTORY],
    Role.ADMINISTRATOR: [(_("Home"), "core:home"), _DIRECTORY],
}


def navigation_for(request) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    current = match.view_name if match else ""
    return [
        NavItem(label=str(label), url=reverse(name), active=current == name)
        for label, name in _ITEMS.get(user.role, [])
    ]
