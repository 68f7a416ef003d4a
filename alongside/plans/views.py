from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.aboutme.services import ProvenanceError
from alongside.accounts.models import Role
from alongside.core.access import person_record
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page
from alongside.plans.forms import GoalForm, IdeaForm
from alongside.plans.models import Plan, PlanStatus
from alongside.plans.presenters import plan_view
from alongside.plans.services import PlanLocked, goal_add, idea_add, plan_start

WRITERS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON)
STAFF = (Role.PRACTITIONER, Role.TEAM_MANAGER)


def _first_name(person: Person) -> str:
    return person.preferred_name or person.given_name


def _draft_or_404(person: Person) -> Plan:
    plan = Plan.objects.about(person).filter(status=PlanStatus.DRAFT).first()
    if plan is None:
        raise Http404
    return plan


@person_record(target="plans.plan", shared_section=Shareable.PLAN)
@require_safe
def plan_page(request: HttpRequest, person: Person) -> HttpResponse:
    plan = Plan.objects.about(person).current().first()
    context = {
        "person": person,
        "page": person_page(person, request.user, list(person.circle.all())),
        "view": plan_view(plan, person_name=_first_name(person)) if plan else None,
        "can_write": request.user.role in WRITERS and plan is not None and plan.is_draft,
        "can_start": request.user.role in STAFF,
    }
    return render(request, "plans/plan.html", context)


@person_record(target="plans.plan", roles=STAFF)
@require_POST
def plan_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan_start(person=person)
    return redirect("plans:plan", person_id=person.pk)


@person_record(target="plans.goal", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    writes_for_others = request.user.role != Role.PERSON
    form = GoalForm(request.POST or None, person=person, writes_for_others=writes_for_others)
    if request.method == "POST" and form.is_valid():
        try:
            goal_add(
                plan=plan,
                text=form.cleaned_data["text"],
                voice=form.cleaned_data.get("voice", "own_words"),
                author=request.user,
                conversation=form.cleaned_data.get("conversation"),
                speaker=form.cleaned_data.get("speaker"),
            )
        except (ProvenanceError, PlanLocked) as error:
            form.add_error("voice" if writes_for_others else "text", str(error))
        else:
            return redirect("plans:plan", person_id=person.pk)
    context = {"person": person, "form": form, "first_name": _first_name(person)}
    return render(request, "plans/goal_form.html", context, status=400 if form.errors else 200)


@person_record(target="plans.idea", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def idea_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    form = IdeaForm(request.POST or None, plan=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            idea_add(plan=plan, details=form.details(), added_by=request.user)
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect("plans:plan", person_id=person.pk)
    context = {"person": person, "form": form, "first_name": _first_name(person)}
    return render(request, "plans/idea_form.html", context, status=400 if form.errors else 200)


def _pending(request, *a, **k):
    raise Http404


goal_edit = goal_reorder = idea_edit = idea_liked = rates_update = action_new = _pending
action_edit = contingency = agreement = agree = put_in_place = review_date = _pending
review_new = version_page = _pending
