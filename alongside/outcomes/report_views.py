"""Outcomes for a team or the council: the page and the same table as CSV. Numbers only;
no figure from fewer than five people (see outcomes.reports)."""

import csv
from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from alongside.accounts.models import Role, Team
from alongside.core.access import for_roles
from alongside.core.dashboards import SMALL_NUMBER_THRESHOLD
from alongside.core.forms import DateField, PlainForm
from alongside.outcomes.reports import (
    LIFE_SATISFACTION,
    Figures,
    Report,
    Scope,
    fewer_words,
    measures,
    report_build,
)

REPORT_ROLES = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.COPRODUCTION_LEAD, Role.ADMINISTRATOR)
# Aggregates for every team; the others see their own team's.
COUNCIL_ROLES = (Role.COPRODUCTION_LEAD, Role.ADMINISTRATOR)


class ReportForm(PlainForm):
    measure = forms.ChoiceField(label=gettext_lazy("Measure"), required=False)
    team = forms.ChoiceField(label=gettext_lazy("Team"), required=False)
    start = DateField(
        label=gettext_lazy("From"),
        required=False,
        help_text=gettext_lazy("Count answers given on or after this date. For example, 1 4 2026"),
    )
    end = DateField(
        label=gettext_lazy("To"),
        required=False,
        help_text=gettext_lazy("Count answers given on or before this date"),
    )

    def __init__(self, data, *, measure_choices, teams: dict | None):
        super().__init__(data)
        self.fields["measure"].choices = measure_choices
        if teams is None:
            del self.fields["team"]
        else:
            self.fields["team"].choices = [("", _("All teams")), *teams.items()]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The ‘To’ date must be the same as or after the ‘From’ date"))
        return cleaned


def _report(request: HttpRequest) -> tuple[ReportForm, Report | None, dict]:
    """The form read from the query string and, when it is valid, the report."""
    user = request.user
    council = user.role in COUNCIL_ROLES
    teams = dict(Team.objects.order_by("name").values_list("pk", "name")) if council else None
    known = measures()
    choices = [(m.key, f"{m.label} ({m.direction_words})") for m in known]
    form = ReportForm(request.GET, measure_choices=choices, teams=teams)
    context = {"form": form, "council": council, "threshold": SMALL_NUMBER_THRESHOLD}
    if not known or not form.is_valid():
        return form, None, context
    data = form.cleaned_data
    keys = [m.key for m in known]
    key = data["measure"] or (LIFE_SATISFACTION if LIFE_SATISFACTION in keys else keys[0])
    measure = known[keys.index(key)]
    if council:
        team_id = int(data["team"]) if data.get("team") else None
        in_scope = teams if team_id is None else {team_id: teams[team_id]}
    else:
        if user.team_id is None:
            context["no_team"] = True
            return form, None, context
        team_id = user.team_id
        in_scope = {team_id: user.team.name}
    scope = Scope(team_id=team_id, start=data["start"], end=data["end"])
    context["scope_name"] = in_scope[team_id] if team_id is not None else _("the council")
    context["period"] = _period_words(data["start"], data["end"])
    return form, report_build(scope=scope, measure=measure, known=known, teams=in_scope), context


def _period_words(start: date | None, end: date | None) -> str:
    def day(value):
        return date_format(value, "j F Y")

    if start and end:
        return _("answers from %(start)s to %(end)s") % {"start": day(start), "end": day(end)}
    if start:
        return _("answers from %(start)s onwards") % {"start": day(start)}
    if end:
        return _("answers up to %(end)s") % {"end": day(end)}
    return _("all answers so far")


@for_roles(*REPORT_ROLES)
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    form, result, context = _report(request)
    context["report"] = result
    context["csv_query"] = request.GET.urlencode()
    status = 400 if form.errors else 200
    return render(request, "outcomes/report.html", context, status=status)


CSV_HEADER = (
    "Scope",
    "Period",
    "Measure",
    "Direction",
    "Grouped by",
    "Group",
    "People with two or more answers",
    "Mean change",
    "95% confidence interval, lower",
    "95% confidence interval, upper",
    "Improved (%)",
    "Same (%)",
    "Worse (%)",
)


@for_roles(*REPORT_ROLES)
@require_safe
def report_csv(request: HttpRequest) -> HttpResponse:
    """The same table as the page, with the same suppression: a group of fewer than five
    people has no figures, only "fewer than 5"."""
    form, result, context = _report(request)
    if form.errors:
        problems = [str(error) for errors in form.errors.values() for error in errors]
        return HttpResponse(
            "\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )
    name = result.measure.key.replace(".", "-") if result else "none"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outcomes-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    if result is None:  # no measures set up, or not in a team: nothing but the header
        return response
    common = [
        _cell(context["scope_name"]),
        context["period"],
        _cell(result.measure.label),
        result.measure.direction_words,
    ]
    for _key, title, rows in result.groups:
        for figures in rows:
            writer.writerow([*common, title, _cell(figures.label), *_csv_figures(figures)])
    writer.writerow([*common, _("All"), _("Everyone"), *_csv_figures(result.overall)])
    return response


def _csv_figures(figures: Figures) -> list[str]:
    if not figures.shown:
        return ["0" if figures.nobody else fewer_words(), "", "", "", "", "", ""]
    return [
        str(figures.people),
        f"{figures.mean:.2f}",
        f"{figures.low:.2f}",
        f"{figures.high:.2f}",
        f"{figures.improved * 100:.1f}",
        f"{figures.same * 100:.1f}",
        f"{figures.worse * 100:.1f}",
    ]


def _cell(text: str) -> str:
    """A name as a spreadsheet reads it: text, never a formula."""
    text = str(text)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
