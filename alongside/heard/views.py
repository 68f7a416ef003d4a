from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles, person_record
from alongside.core.audit import audit_listing, audit_record
from alongside.core.models import AuditAction, AuditOutcome
from alongside.heard.counts import concern_counts
from alongside.heard.forms import ConcernForm, ResponseForm
from alongside.heard.models import Concern
from alongside.heard.services import (
    AlreadyAnswered,
    TooManyToday,
    concern_acknowledge,
    concern_raise,
    concern_respond,
)
from alongside.people.models import Person
from alongside.people.presenters import person_page

RAISERS = (Role.PERSON, Role.SUPPORTER)
TARGET = "heard.concern"

TOO_MANY_TODAY = _(
    "You have told us 5 times today. That is the most for one day. "
    "The team manager will read what you sent. You can tell us more tomorrow."
)


def _is_own(person: Person, user) -> bool:
    return person.account_id == user.pk


def _page(request: HttpRequest, person: Person):
    return person_page(person, request.user, list(person.circle.all()))


@person_record(target=TARGET, roles=RAISERS)
@require_http_methods(["GET", "POST"])
def raise_concern(request: HttpRequest, person: Person) -> HttpResponse:
    form = ConcernForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                concern_raise(person=person, user=request.user, words=form.cleaned_data["words"])
            except TooManyToday:
                form.add_error(None, TOO_MANY_TODAY)
                status = 429
            else:
                return redirect("heard:sent", person_id=person.pk)
    context = {"person": person, "form": form, "page": _page(request, person)}
    return render(request, "heard/raise.html", context, status=status)


@person_record(target=TARGET, roles=RAISERS)
@require_safe
def sent(request: HttpRequest, person: Person) -> HttpResponse:
    latest = (
        Concern.objects.raised_by_user(person, request.user).order_by("-created_at", "-id").first()
    )
    if latest is None:
        return redirect("heard:raise", person_id=person.pk)
    context = {"person": person, "concern": latest, "is_own": _is_own(person, request.user)}
    return render(request, "heard/sent.html", context)


@person_record(target=TARGET, roles=RAISERS)
@require_safe
def yours(request: HttpRequest, person: Person) -> HttpResponse:
    concerns = Concern.objects.raised_by_user(person, request.user).order_by("-created_at", "-id")
    context = {
        "person": person,
        "concerns": list(concerns),
        "page": _page(request, person),
        "today": timezone.localdate(),
    }
    return render(request, "heard/yours.html", context)


@for_roles(Role.TEAM_MANAGER)
@require_safe
def concern_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    concerns = list(
        Concern.objects.for_team_manager(request.user)
        .newest_overdue_first(today)
        .select_related("person", "circle_member")
    )
    audit_listing(user=request.user, person_ids={c.person_id for c in concerns}, target=TARGET)
    return render(
        request,
        "heard/list.html",
        {"concerns": concerns, "today": today, "team": request.user.team},
    )


@for_roles(Role.TEAM_MANAGER)
@require_http_methods(["GET", "POST"])
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    user = request.user
    action = AuditAction.VIEW if request.method in {"GET", "HEAD"} else AuditAction.CHANGE
    concern = (
        Concern.objects.for_team_manager(user)
        .select_related("person", "circle_member", "responded_by")
        .filter(pk=concern_id)
        .first()
    )
    if concern is None:
        # Another team's, or none at all: the same 404. Audited against the person if it exists.
        person_id = Concern.objects.filter(pk=concern_id).values_list("person_id", flat=True)
        audit_record(
            user=user,
            person_id=person_id.first(),
            action=action,
            target=TARGET,
            outcome=AuditOutcome.DENIED,
        )
        raise Http404
    audit_record(
        user=user,
        person_id=concern.person_id,
        action=action,
        target=TARGET,
        outcome=AuditOutcome.ALLOWED,
    )
    concern_acknowledge(concern, user)
    form = ResponseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if concern.is_answered:
            form = None
            status = 409
        elif form.is_valid():
            try:
                concern_respond(concern=concern, user=user, response=form.cleaned_data["response"])
            except AlreadyAnswered:
                concern.refresh_from_db()
                status = 409
            else:
                return redirect("heard:detail", concern_id=concern.pk)
    if concern.is_answered:
        form = None
    context = {"concern": concern, "form": form, "today": timezone.localdate()}
    return render(request, "heard/detail.html", context, status=status)


@for_roles(Role.COPRODUCTION_LEAD)
@require_safe
def counts(request: HttpRequest) -> HttpResponse:
    return render(request, "heard/counts.html", {"rows": concern_counts()})
