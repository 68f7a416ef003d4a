"""Every version of a person's plan, and any two compared in words."""

from django import forms
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from alongside.core.access import person_record
from alongside.core.forms import PlainForm
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page
from alongside.plans.compare import plan_differences
from alongside.plans.models import Plan, PlanStatus

STATUS_COLOURS = {
    PlanStatus.DRAFT: "grey",
    PlanStatus.AGREED: "blue",
    PlanStatus.ACTIVE: "green",
    PlanStatus.UNDER_REVIEW: "yellow",
    PlanStatus.REPLACED: "grey",
}


class CompareForm(PlainForm):
    """Which two versions. The fields are ``from`` and ``to`` (as in the query string), so they
    are added by name rather than declared."""

    def __init__(self, *args, numbers: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.numbers = numbers
        choices = [(n, _("Version %(n)s") % {"n": n}) for n in numbers]
        for name, label, missing in (
            ("from", _("Compare version"), _("Choose the version to compare from")),
            ("to", _("With version"), _("Choose the version to compare with")),
        ):
            self.fields[name] = forms.IntegerField(
                label=label,
                widget=forms.Select(choices=choices),
                error_messages={
                    "required": missing,
                    "invalid": _("Choose a version from the list, by its number"),
                },
            )

    def _known(self, name: str) -> int:
        number = self.cleaned_data[name]
        if number not in self.numbers:
            raise forms.ValidationError(
                _("There is no version %(n)s") % {"n": number}, code="unknown"
            )
        return number

    def clean_from(self) -> int:
        return self._known("from")

    def clean_to(self) -> int:
        return self._known("to")

    def clean(self):
        data = super().clean()
        if "from" in data and "to" in data and data["from"] == data["to"]:
            self.add_error("to", _("Choose two different versions to compare"))
        return data


def _first_name(person: Person) -> str:
    return person.preferred_name or person.given_name


def _plans(person: Person) -> list[Plan]:
    # Through the person, so each plan knows its person without another query.
    return list(person.plans.order_by("number"))


def _versions_page(
    request: HttpRequest, person: Person, plans: list[Plan], form: CompareForm, status: int = 200
) -> HttpResponse:
    rows = [
        {
            "plan": plan,
            "colour": STATUS_COLOURS.get(plan.status, "grey"),
            "before": plans[index - 1].number if index else None,
        }
        for index, plan in enumerate(plans)
    ]
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "rows": list(reversed(rows)),  # newest first
        "form": form,
        "can_compare": len(plans) > 1,
    }
    return render(request, "plans/versions.html", context, status=status)


@person_record(target="plans.versions", shared_section=Shareable.PLAN)
@require_safe
def versions(request: HttpRequest, person: Person) -> HttpResponse:
    plans = _plans(person)
    numbers = [p.number for p in plans]
    initial = {"from": numbers[-2], "to": numbers[-1]} if len(numbers) > 1 else {}
    return _versions_page(request, person, plans, CompareForm(numbers=numbers, initial=initial))


@person_record(target="plans.compare", shared_section=Shareable.PLAN)
@require_safe
def compare(request: HttpRequest, person: Person) -> HttpResponse:
    plans = _plans(person)
    numbers = [p.number for p in plans]
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "plans": plans,
    }
    if len(plans) < 2:
        return render(request, "plans/compare.html", {**context, "groups": None})
    form = CompareForm(request.GET, numbers=numbers)
    if not form.is_valid():
        return _versions_page(request, person, plans, form, status=400)
    low, high = sorted((form.cleaned_data["from"], form.cleaned_data["to"]))
    by_number = {p.number: p for p in plans}
    older, newer = by_number[low], by_number[high]
    prefetch_related_objects([older, newer], "goals", "ideas", "actions")
    groups: dict[str, list[str]] = {}
    for change in plan_differences(older, newer):
        groups.setdefault(change.area, []).append(change.words)
    return render(
        request,
        "plans/compare.html",
        {**context, "older": older, "newer": newer, "groups": list(groups.items())},
    )
