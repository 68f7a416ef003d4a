from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.aboutme.services import (
    EditConflict,
    ProvenanceError,
    own_voice,
    words_revisable_by,
    writes_for_others,
)
from alongside.accounts.models import Role
from alongside.core.access import for_roles, person_record
from alongside.core.forms import form_mark_stale
from alongside.needs.models import NeedChange
from alongside.people.models import Person, Shareable
from alongside.people.presenters import person_page
from alongside.plans.forms import (
    ActionForm,
    AgreementCheckForm,
    AgreementForm,
    ContingencyForm,
    GoalForm,
    GoalLevelsForm,
    IdeaForm,
    PlanRulesForm,
    ReviewDateForm,
    ReviewForm,
)
from alongside.plans.models import (
    LIVE_STATUSES,
    REVIEW_STATUSES,
    Action,
    Agreement,
    Party,
    Plan,
    PlanRules,
    PlanStatus,
)
from alongside.plans.presenters import plan_view
from alongside.plans.services import (
    NotReady,
    PlanLocked,
    action_add,
    action_change,
    agreement_check,
    agreement_record,
    agreement_state,
    contingency_save,
    goal_add,
    goal_change,
    goal_levels_set,
    goal_move,
    idea_add,
    idea_change,
    idea_like,
    plan_agree,
    plan_put_in_place,
    plan_start,
    rates_refresh,
    review_date_set,
    review_record,
    seats_for,
    stale_rates,
)

WRITERS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON)
# Supporters the person shared the plan with add goals and ideas in their own words too.
CO_WRITERS = (*WRITERS, Role.SUPPORTER)
STAFF = (Role.PRACTITIONER, Role.TEAM_MANAGER)
DECIDERS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.PERSON, Role.SUPPORTER)


def _first_name(person: Person) -> str:
    return person.preferred_name or person.given_name


def _practitioner_name(person: Person) -> str:
    return person.practitioner.full_name if person.practitioner_id else _("The practitioner")


def _draft_or_404(person: Person) -> Plan:
    plan = Plan.objects.about(person).filter(status=PlanStatus.DRAFT).first()
    if plan is None:
        raise Http404
    return plan


def _plan_url(person: Person) -> str:
    return reverse("plans:plan", kwargs={"person_id": person.pk})


def _form_page(request, template: str, person: Person, form, *, conflict=None, **extra):
    context = {"person": person, "form": form, "first_name": _first_name(person), **extra}
    context["conflict"] = conflict
    status = 409 if conflict is not None else (400 if form.errors else 200)
    return render(request, template, context, status=status)


# The plan and its versions -----------------------------------------------------------------------


def _versions(person: Person) -> list[Plan]:
    """Every version of the person's plan, newest first, each knowing its person."""
    plans = list(Plan.objects.about(person).order_by("-number"))
    for plan in plans:
        plan.person = person
    return plans


def _plan_page(request, person: Person, plans: list[Plan], plan: Plan | None) -> HttpResponse:
    user = request.user
    circle = list(person.circle.all())
    context = {
        "person": person,
        "page": person_page(person, user, circle),
        "view": None,
        "can_start": user.role in STAFF,
    }
    if plan is None:
        return render(request, "plans/plan.html", context)
    today = timezone.localdate()
    is_staff = user.role in STAFF
    my_seats = seats_for(user, plan)
    view = plan_view(plan, person_name=_first_name(person), today=today)
    context |= {
        "plan": plan,
        "view": view,
        "agreement": agreement_state(
            plan,
            practitioner_name=_practitioner_name(person),
            ideas=view.ideas,
            goals=[g.goal for g in view.goals],
            circle=circle,
        ),
        "can_write": user.role in CO_WRITERS and plan.is_draft,
        "can_change": user.role in WRITERS and plan.is_draft,
        "can_update_actions": user.role in WRITERS and plan.status != PlanStatus.REPLACED,
        "can_decide": plan.is_draft and bool(my_seats),
        "my_seats": my_seats if user.role in (Role.PERSON, Role.SUPPORTER) else [],
        "is_staff": is_staff,
        "stale_rates": stale_rates(plan, today) if plan.is_draft and is_staff else [],
        "in_place": next((p for p in plans if p.status in LIVE_STATUSES and p.pk != plan.pk), None),
        "has_draft": not plan.is_draft and any(p.is_draft for p in plans),
        "live": plan.status in LIVE_STATUSES,
        "review_overdue": plan.review_overdue(today),
        "needs_changed": is_staff
        and plan.status in REVIEW_STATUSES
        and NeedChange.objects.filter(need__person=person, at__gt=plan.agreed_at).exists(),
    }
    return render(request, "plans/plan.html", context)


@person_record(target="plans.plan", shared_section=Shareable.PLAN)
@require_safe
def plan_page(request: HttpRequest, person: Person) -> HttpResponse:
    """The version being worked on (a draft), or else the one in place."""
    plans = _versions(person)
    current = next((p for p in plans if p.status != PlanStatus.REPLACED), None)
    return _plan_page(request, person, plans, current)


@person_record(target="plans.plan", shared_section=Shareable.PLAN)
@require_safe
def version_page(request: HttpRequest, person: Person, number: int) -> HttpResponse:
    plans = _versions(person)
    plan = next((p for p in plans if p.number == number), None)
    if plan is None:
        raise Http404
    return _plan_page(request, person, plans, plan)


@person_record(target="plans.plan", roles=STAFF)
@require_POST
def plan_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan_start(person=person)
    return redirect("plans:plan", person_id=person.pk)


# Goals -------------------------------------------------------------------------------------------


def _goal_links(form) -> dict:
    data = form.cleaned_data
    return {
        "statements": data["statements"],
        "needs": data["needs"],
        "wellbeing_areas": data["wellbeing_areas"],
    }


@person_record(target="plans.goal", shared_section=Shareable.PLAN, roles=CO_WRITERS)
@require_http_methods(["GET", "POST"])
def goal_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    for_others = writes_for_others(request.user)
    form = GoalForm(request.POST or None, person=person, writes_for_others=for_others)
    if request.method == "POST" and form.is_valid():
        try:
            goal_add(
                plan=plan,
                text=form.cleaned_data["text"],
                voice=form.cleaned_data.get("voice") or own_voice(request.user),
                author=request.user,
                conversation=form.cleaned_data.get("conversation"),
                speaker=form.cleaned_data.get("speaker"),
                **_goal_links(form),
            )
        except (ProvenanceError, PlanLocked) as error:
            form.add_error("voice" if for_others else "text", str(error))
        else:
            return redirect("plans:plan", person_id=person.pk)
    return _form_page(request, "plans/goal_form.html", person, form)


def _part_or_404(plan: Plan, rows, pk: int):
    """A goal or idea of this draft, knowing its plan; 404 for any other."""
    part = rows.filter(pk=pk).first()
    if part is None:
        raise Http404
    part.plan = plan
    return part


@person_record(target="plans.goal", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, person: Person, goal_id: int) -> HttpResponse:
    plan = _draft_or_404(person)
    goal = _part_or_404(plan, plan.goals, goal_id)
    for_others = writes_for_others(request.user)
    may_reword = words_revisable_by(goal, person=person, user=request.user)
    initial = {
        "text": goal.text,
        "voice": goal.voice,
        "seen_version": goal.revision,
        "statements": list(goal.statements.all()),
        "needs": list(goal.needs.all()),
        "wellbeing_areas": goal.wellbeing_areas,
    }
    form = GoalForm(
        request.POST or None, initial=initial, person=person, writes_for_others=for_others
    )
    if for_others:
        form.fields["voice"].disabled = True  # whose words they are does not change
        form.fields["speaker"].disabled = True
    if not may_reword:
        form.fields["text"].disabled = True
        form.fields["text"].help_text = _(
            "These are someone else's words: only they can change them"
        )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            goal_change(
                goal=goal,
                seen_revision=form.cleaned_data["seen_version"] or 0,
                text=form.cleaned_data["text"],
                author=request.user,
                conversation=form.cleaned_data.get("conversation"),
                **_goal_links(form),
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except (ProvenanceError, PlanLocked) as error:
            form.add_error("conversation" if for_others else "text", str(error))
        else:
            return redirect(f"{_plan_url(person)}#goal-{goal.pk}")
    return _form_page(request, "plans/goal_form.html", person, form, goal=goal, conflict=conflict)


@person_record(target="plans.goal", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def goal_levels(request: HttpRequest, person: Person, goal_id: int) -> HttpResponse:
    """How we'll know it's working: the goal's five levels (Goal Attainment Scaling)."""
    plan = _draft_or_404(person)
    goal = _part_or_404(plan, plan.goals, goal_id)
    initial = {name: getattr(goal, name) for name in GoalLevelsForm.LEVELS}
    initial |= {"weight": goal.weight, "seen_version": goal.revision}
    form = GoalLevelsForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            goal_levels_set(
                goal=goal,
                seen_revision=form.cleaned_data["seen_version"] or 0,
                levels=form.levels(),
                weight=form.cleaned_data["weight"],
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{_plan_url(person)}#goal-{goal.pk}")
    return _form_page(
        request, "plans/goal_levels_form.html", person, form, goal=goal, conflict=conflict
    )


@person_record(target="plans.goal", shared_section=Shareable.PLAN, roles=WRITERS)
@require_POST
def goal_reorder(request: HttpRequest, person: Person, goal_id: int) -> HttpResponse:
    plan = _draft_or_404(person)
    goal = _part_or_404(plan, plan.goals, goal_id)
    try:
        goal_move(goal=goal, up=request.POST.get("direction") == "up")
    except PlanLocked as error:
        messages.error(request, str(error))
    return redirect(f"{_plan_url(person)}#goal-{goal.pk}")


# Ideas -------------------------------------------------------------------------------------------


@person_record(target="plans.idea", shared_section=Shareable.PLAN, roles=CO_WRITERS)
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
    return _form_page(request, "plans/idea_form.html", person, form)


@person_record(target="plans.idea", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def idea_edit(request: HttpRequest, person: Person, idea_id: int) -> HttpResponse:
    plan = _draft_or_404(person)
    idea = _part_or_404(plan, plan.ideas, idea_id)
    form = IdeaForm(request.POST or None, plan=plan, user=request.user, idea=idea)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            idea_change(
                idea=idea,
                seen_revision=form.cleaned_data["seen_version"] or 0,
                details=form.details(),
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{_plan_url(person)}#idea-{idea.pk}")
    return _form_page(request, "plans/idea_form.html", person, form, idea=idea, conflict=conflict)


@person_record(target="plans.idea", shared_section=Shareable.PLAN, roles=WRITERS)
@require_POST
def idea_liked(request: HttpRequest, person: Person, idea_id: int) -> HttpResponse:
    plan = _draft_or_404(person)
    idea = _part_or_404(plan, plan.ideas, idea_id)
    try:
        idea_like(idea=idea, likes=request.POST.get("likes") == "yes")
    except PlanLocked as error:
        messages.error(request, str(error))
    return redirect(f"{_plan_url(person)}#idea-{idea.pk}")


@person_record(target="plans.plan", roles=STAFF)
@require_POST
def rates_update(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    changed = rates_refresh(plan=plan)
    messages.success(
        request,
        _("%(n)s rate updated to the one in force today. Ask everyone to agree again.")
        % {"n": changed},
    )
    return redirect("plans:plan", person_id=person.pk)


# Actions and the contingency plan ---------------------------------------------------------------


@person_record(target="plans.action", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            action_add(plan=plan, details=form.details(), added_by=request.user)
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{_plan_url(person)}#actions")
    return _form_page(request, "plans/action_form.html", person, form)


@person_record(target="plans.action", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, person: Person, action_id: int) -> HttpResponse:
    action = (
        Action.objects.select_related("plan")
        .filter(pk=action_id, plan__person=person)
        .exclude(plan__status=PlanStatus.REPLACED)
        .first()
    )
    if action is None:
        raise Http404
    progress_only = not action.plan.is_draft
    initial = {
        "text": action.text,
        "goal": action.goal_id,
        "owner_kind": action.owner_kind,
        "owner_name": action.owner_name,
        "due_on": action.due_on,
        "status": action.status,
        "seen_version": action.revision,
    }
    form = ActionForm(
        request.POST or None, initial=initial, plan=action.plan, progress_only=progress_only
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            action_change(
                action=action,
                seen_revision=form.cleaned_data["seen_version"] or 0,
                details=form.details(),
                by=request.user,
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{_plan_url(person)}#actions")
    return _form_page(
        request, "plans/action_form.html", person, form, action=action, conflict=conflict
    )


@person_record(target="plans.contingency", shared_section=Shareable.PLAN, roles=WRITERS)
@require_http_methods(["GET", "POST"])
def contingency(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    initial = {
        "warning_signs": plan.warning_signs,
        "what_to_do": plan.what_to_do,
        "who_to_call": plan.who_to_call,
        "seen_version": plan.revision,
    }
    form = ContingencyForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contingency_save(
                plan=plan,
                seen_revision=data["seen_version"] or 0,
                warning_signs=data["warning_signs"],
                what_to_do=data["what_to_do"],
                who_to_call=data["who_to_call"],
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{_plan_url(person)}#if-things-go-wrong")
    return _form_page(request, "plans/contingency_form.html", person, form, conflict=conflict)


# Agreement ---------------------------------------------------------------------------------------


def _seat_choices(user, plan: Plan) -> list[tuple[str, str]]:
    """The decisions this user may record, in words: their own, or others' given in person."""
    allowed = seats_for(user, plan)
    if user.role in (Role.PERSON, Role.SUPPORTER):
        return [(key, _("My decision")) for key in allowed]
    person_name = _first_name(plan.person)
    choices = [(Party.PERSON, _("%(name)s's, given in person") % {"name": person_name})]
    choices += [
        (f"supporter-{m.pk}", _("%(name)s's, given in person") % {"name": m.name})
        for m in plan.person.circle.all()
    ]
    choices.append((Party.PRACTITIONER, _("Mine, as the practitioner")))
    if Party.TEAM_MANAGER in allowed:
        choices.append((Party.TEAM_MANAGER, _("Mine, as the team manager")))
    return choices


@person_record(target="plans.agreement", shared_section=Shareable.PLAN, roles=DECIDERS)
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    state = agreement_state(plan, practitioner_name=_practitioner_name(person))
    seats = _seat_choices(request.user, plan)
    if not seats:
        raise PermissionDenied
    form = AgreementForm(request.POST or None, initial={"seen_version": plan.revision}, seats=seats)
    conflict = None
    if request.method == "POST" and form.is_valid():
        party, member_id = form.party()
        try:
            agreement_record(
                plan=plan,
                seen_revision=form.cleaned_data["seen_version"] or 0,
                party=party,
                circle_member=person.circle.filter(pk=member_id).first() if member_id else None,
                decision=form.cleaned_data["decision"],
                words=form.cleaned_data["words"],
                by=request.user,
            )
        except EditConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.revision, field="seen_version")
        except (ProvenanceError, PlanLocked) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("plans:agreement", person_id=person.pk)
    context = {
        "plan": plan,
        "agreement": state,
        "can_agree": request.user.role in STAFF,
        "view": plan_view(plan, person_name=_first_name(person)),
    }
    return _form_page(request, "plans/agreement.html", person, form, conflict=conflict, **context)


@person_record(target="plans.agreement", roles=STAFF)
@require_POST
def agree(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _draft_or_404(person)
    try:
        seen = int(request.POST.get("seen_version", ""))
    except ValueError:
        seen = 0
    try:
        plan_agree(
            plan=plan,
            seen_revision=seen,
            by=request.user,
            practitioner_name=_practitioner_name(person),
        )
    except NotReady as error:
        messages.error(request, str(error))
        return redirect("plans:agreement", person_id=person.pk)
    except EditConflict:
        messages.error(
            request,
            _("The plan changed while you were looking at it. Check the changes, then agree it."),
        )
        return redirect("plans:agreement", person_id=person.pk)
    messages.success(
        request,
        _("Version %(n)s is agreed. It will not change now. Put it in place when it starts.")
        % {"n": plan.number},
    )
    return redirect("plans:plan", person_id=person.pk)


@person_record(target="plans.plan", roles=STAFF)
@require_POST
def put_in_place(request: HttpRequest, person: Person) -> HttpResponse:
    plan = Plan.objects.about(person).filter(status=PlanStatus.AGREED).order_by("-number").first()
    if plan is None:
        raise Http404
    plan_put_in_place(plan=plan)
    messages.success(request, _("Version %(n)s is now the plan in place.") % {"n": plan.number})
    return redirect("plans:plan", person_id=person.pk)


@person_record(
    target="plans.agreement", shared_section=Shareable.PLAN, roles=(Role.PERSON, Role.SUPPORTER)
)
@require_http_methods(["GET", "POST"])
def agreement_checked(request: HttpRequest, person: Person, agreement_id: int) -> HttpResponse:
    """The person or supporter says whether the decision written down for them is right."""
    agreement = (
        Agreement.objects.filter(pk=agreement_id, plan__person=person, given_in_person=True)
        .select_related("plan", "recorded_by")
        .first()
    )
    if agreement is None:
        raise Http404
    agreement.plan.person = person
    form = AgreementCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_check(
                agreement=agreement,
                is_right=form.cleaned_data["is_right"] == "yes",
                words=form.cleaned_data["words"],
                by=request.user,
            )
        except ProvenanceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. What you said is saved with the plan."))
            return redirect(f"{_plan_url(person)}#agreement")
    return _form_page(request, "plans/agreement_check_form.html", person, form, agreement=agreement)


# Reviews -----------------------------------------------------------------------------------------


def _live_or_404(person: Person) -> Plan:
    plan = Plan.objects.about(person).in_force().order_by("-number").first()
    if plan is None:
        raise Http404
    return plan


@person_record(target="plans.review", roles=STAFF)
@require_http_methods(["GET", "POST"])
def review_date(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _live_or_404(person)
    form = ReviewDateForm(request.POST or None, initial={"review_due": plan.review_due})
    if request.method == "POST" and form.is_valid():
        try:
            review_date_set(plan=plan, review_due=form.cleaned_data["review_due"])
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            return redirect("plans:plan", person_id=person.pk)
    return _form_page(request, "plans/review_date_form.html", person, form, plan=plan)


@person_record(target="plans.review", roles=STAFF)
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, person: Person) -> HttpResponse:
    plan = _live_or_404(person)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _review, draft = review_record(plan=plan, details=form.cleaned_data, by=request.user)
        except PlanLocked as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "The review is recorded. Version %(n)s has started from the plan in place: "
                    "change what needs to change, then agree it together."
                )
                % {"n": draft.number},
            )
            return redirect("plans:plan", person_id=person.pk)
    return _form_page(request, "plans/review_form.html", person, form, plan=plan)


# The council's rules for plans -------------------------------------------------------------------


@for_roles(Role.ADMINISTRATOR)
@require_http_methods(["GET", "POST"])
def plan_rules(request: HttpRequest) -> HttpResponse:
    rules = PlanRules.current()
    form = PlanRulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("The plan rules are saved."))
        return redirect("plan-rules")
    status = 400 if form.errors else 200
    return render(request, "plans/rules_form.html", {"form": form, "rules": rules}, status=status)
