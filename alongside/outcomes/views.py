from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.accounts.models import Role
from alongside.carers.views import CARER_INSTRUMENT, own_caring
from alongside.core.access import person_record, signed_in
from alongside.outcomes.forms import AnswerForm, GoalRatingForm, ScheduleForm
from alongside.outcomes.gas import gas_for, outcomes_due, plan_in_force, rated_goals, ratings_record
from alongside.outcomes.models import AnsweredHow, Instrument
from alongside.outcomes.presenters import CHART_HEIGHT, CHART_WIDTH, measures_for
from alongside.outcomes.scoring import ScoringError
from alongside.outcomes.services import answer_record
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page

ANSWERERS = (Role.PERSON, Role.PRACTITIONER, Role.TEAM_MANAGER)
STAFF = (Role.PRACTITIONER, Role.TEAM_MANAGER)


@person_record(target="outcomes.list", shared_section=Shareable.OUTCOMES)
@require_safe
def outcomes_page(request: HttpRequest, person: Person) -> HttpResponse:
    """How things are changing: each measure's change since the first answers, in words, as a
    chart, and as a table; the plan's goals on their five levels; what is due."""
    instruments = list(Instrument.objects.order_by("name"))
    plan = plan_in_force(person)
    user = request.user
    context = {
        "person": person,
        "page": person_page(person, user, list(person.circle.all())),
        "measures": measures_for(person, instruments),
        "gas": gas_for(person, plan=plan),
        "due": outcomes_due(person, plan=plan),
        "plan": plan,
        "can_answer": user.role in ANSWERERS,
        "can_schedule": user.role in STAFF and plan is not None,
        "schedule_form": ScheduleForm(
            initial={"every": plan.outcomes_every_months if plan else None}
        ),
        "chart_width": CHART_WIDTH,
        "chart_height": CHART_HEIGHT,
    }
    return render(request, "outcomes/outcomes.html", context)


def _answer_page(request, *, person, version, carer=None, done_url: str) -> HttpResponse:
    """The questionnaire: saved (partly, if so), refused with a reason, or "not today"."""
    staff = request.user.role in STAFF
    form = AnswerForm(request.POST or None, definition=version.definition, staff=staff)
    if request.method == "POST" and request.POST.get("action") == "decline":
        answer_record(
            person=person,
            carer=carer,
            version=version,
            answers={},
            by=request.user,
            how=request.POST.get("how") or AnsweredHow.SELF,
            declined=True,
        )
        messages.success(request, _("That's fine. We won't ask again today."))
        return redirect(done_url)
    if request.method == "POST" and form.is_valid():
        given = form.answers()
        if not given:
            form.add_error(None, _("Answer at least one question, or choose “Not today”"))
        else:
            try:
                answer_record(
                    person=person,
                    carer=carer,
                    version=version,
                    answers=given,
                    by=request.user,
                    how=form.cleaned_data.get("how") or AnsweredHow.SELF,
                )
            except ScoringError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(done_url)
    context = {"person": person, "form": form, "version": version, "carer": carer}
    return render(request, "outcomes/answer.html", context, status=400 if form.errors else 200)


def _current_version(code: str):
    instrument = Instrument.objects.filter(code=code).first()
    version = instrument.current() if instrument else None
    if version is None:
        raise Http404
    return version


@person_record(target="outcomes.answer", shared_section=Shareable.OUTCOMES, roles=ANSWERERS)
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, person: Person, code: str) -> HttpResponse:
    return _answer_page(
        request,
        person=person,
        version=_current_version(code),
        done_url=reverse("outcomes:page", kwargs={"person_id": person.pk}),
    )


@person_record(target="outcomes.goals", shared_section=Shareable.OUTCOMES, roles=ANSWERERS)
@require_http_methods(["GET", "POST"])
def rate_goals(request: HttpRequest, person: Person) -> HttpResponse:
    """Where each goal of the plan in force stands today, on its five levels."""
    plan = plan_in_force(person)
    goals = rated_goals(plan)
    if not goals:
        raise Http404
    form = GoalRatingForm(request.POST or None, goals=goals, staff=request.user.role in STAFF)
    if request.method == "POST" and form.is_valid():
        try:
            ratings_record(
                person=person,
                plan=plan,
                levels=form.levels(),
                by=request.user,
                how=form.cleaned_data.get("how") or AnsweredHow.SELF,
            )
        except ScoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Where things are with each goal is saved."))
            return redirect("outcomes:page", person_id=person.pk)
    context = {"person": person, "form": form, "plan": plan}
    return render(request, "outcomes/rate_goals.html", context, status=400 if form.errors else 200)


@person_record(target="outcomes.schedule", roles=STAFF)
@require_POST
def schedule(request: HttpRequest, person: Person) -> HttpResponse:
    """How often the plan in force asks how it's going, between its start and its review."""
    plan = plan_in_force(person)
    if plan is None:
        raise Http404
    form = ScheduleForm(request.POST)
    if form.is_valid():
        plan.outcomes_every_months = form.cleaned_data["every"]
        plan.save(update_fields=["outcomes_every_months"])
        messages.success(request, _("Saved how often to ask."))
    else:
        messages.error(request, _("Choose how often to ask"))
    return redirect("outcomes:page", person_id=person.pk)


@signed_in
@require_http_methods(["GET", "POST"])
def carer_answer(request: HttpRequest, member_id: int) -> HttpResponse:
    """An unpaid carer's own wellbeing questions: about the carer, not the person they care for.
    Only the carer reaches this page (anyone else: 404, audited)."""
    member = own_caring(request, member_id, target="outcomes.carer")
    return _answer_page(
        request,
        person=member.person,
        carer=member,
        version=_current_version(CARER_INSTRUMENT),
        done_url=reverse("carers:caring"),
    )
