"""A carer's own pages, and the staff page listing the carers around a person.

A carer's pages are about the carer, a third party to the person they care for: only the carer
reaches them (anyone else is told 404, the same as a page that does not exist), and the person
does not see what their carer writes. The person's practitioner and team read it on the staff
page."""

import contextlib

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.carers.forms import AssessmentRequestForm, CarerViewForm, StatusForm
from alongside.carers.models import CarerAssessmentRequest, CarerView, RequestStatus
from alongside.carers.services import (
    AlreadyAsked,
    member_person_id,
    open_request,
    request_make,
    request_set_status,
    view_add,
)
from alongside.core.access import for_roles, person_record, signed_in
from alongside.core.audit import audit_listing, audit_record
from alongside.core.models import AuditAction, AuditOutcome
from alongside.outcomes.models import Instrument
from alongside.outcomes.presenters import carers_measures
from alongside.people.models import CircleMember, Person
from alongside.people.presenters import person_page

VIEW_TARGET = "carers.view"
ASSESSMENT_TARGET = "carers.assessment"
LIST_TARGET = "carers.list"
STAFF_TARGET = "carers.staff"
STAFF_ROLES = (Role.PRACTITIONER, Role.TEAM_MANAGER)
# The questionnaire a carer answers about their own wellbeing.
CARER_INSTRUMENT = "ons4"


def _caring_for(user):
    """The signed-in supporter's own memberships in which they are an unpaid carer."""
    return user.circle_memberships.filter(is_unpaid_carer=True).select_related("person")


@for_roles(Role.SUPPORTER)
@require_safe
def caring(request: HttpRequest) -> HttpResponse:
    memberships = list(_caring_for(request.user).order_by("person__sort_name", "id"))
    audit_listing(
        user=request.user, person_ids={m.person_id for m in memberships}, target=LIST_TARGET
    )
    return render(request, "carers/caring.html", {"memberships": memberships})


def own_caring(request: HttpRequest, member_id: int, *, target: str) -> CircleMember:
    """The signed-in carer's own membership, audited against the person it concerns; for
    anyone else (the person included) a 404, audited as denied."""
    user = request.user
    member = None
    if user.role == Role.SUPPORTER:
        member = _caring_for(user).filter(pk=member_id).first()
    allowed = member is not None
    audit_record(
        user=user,
        person_id=member.person_id if allowed else member_person_id(member_id),
        action=AuditAction.VIEW if request.method in {"GET", "HEAD"} else AuditAction.CHANGE,
        target=target,
        outcome=AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
    )
    if not allowed:
        raise Http404
    return member


@signed_in
@require_http_methods(["GET", "POST"])
def how_it_is(request: HttpRequest, member_id: int) -> HttpResponse:
    member = own_caring(request, member_id, target=VIEW_TARGET)
    views = list(member.carer_views.order_by("-created_at", "-id"))
    latest = views[0] if views else None
    initial = {}
    if latest is not None:
        initial = {
            "hard": latest.hard,
            "helps": latest.helps,
            "difference": latest.difference,
            "hours": latest.hours_per_week,
        }
    form = CarerViewForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            view_add(
                member=member,
                by=request.user,
                hard=data["hard"],
                helps=data["helps"],
                difference=data["difference"],
                hours=data["hours"],
            )
            messages.success(request, _("Thank you. We have saved what you wrote."))
            return redirect("carers:how-it-is", member_id=member.pk)
    context = {"member": member, "form": form, "latest": latest, "earlier": views[1:]}
    return render(request, "carers/how_it_is.html", context, status=status)


@signed_in
@require_http_methods(["GET", "POST"])
def assessment(request: HttpRequest, member_id: int) -> HttpResponse:
    member = own_caring(request, member_id, target=ASSESSMENT_TARGET)
    existing = open_request(member)
    form = None if existing is not None else AssessmentRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form is not None:
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            staff_url = request.build_absolute_uri(
                reverse("carers:staff", kwargs={"person_id": member.person_id})
            )
            with contextlib.suppress(AlreadyAsked):  # asked twice at once: show the first
                request_make(
                    member=member,
                    by=request.user,
                    words=data["words"].strip(),
                    contact_way=data["contact_way"],
                    contact_time=data["contact_time"].strip(),
                    staff_url=staff_url,
                )
            return redirect("carers:assessment", member_id=member.pk)
    elif request.method == "POST":
        # One open request at a time: a second one shows the first.
        return redirect("carers:assessment", member_id=member.pk)
    done = (
        member.assessment_requests.filter(status=RequestStatus.DONE)
        .order_by("-updated_at", "-id")
        .first()
    )
    context = {"member": member, "form": form, "existing": existing, "last_done": done}
    return render(request, "carers/assessment.html", context, status=status)


@person_record(target=STAFF_TARGET, roles=STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest, person: Person) -> HttpResponse:
    carers = list(
        person.circle.filter(is_unpaid_carer=True)
        .select_related("account")
        .prefetch_related(
            Prefetch("carer_views", queryset=CarerView.objects.order_by("-created_at", "-id")),
            Prefetch(
                "assessment_requests",
                queryset=CarerAssessmentRequest.objects.select_related("updated_by").order_by(
                    "-created_at", "-id"
                ),
            ),
        )
    )
    status = 200
    form = None
    if request.method == "POST":
        status = 400
        form = StatusForm(request.POST)
        if form.is_valid():
            wanted = CarerAssessmentRequest.objects.filter(
                pk=form.cleaned_data["request_id"], member__person=person
            ).first()
            if wanted is None:
                raise Http404
            try:
                request_set_status(
                    request=wanted, status=form.cleaned_data["status"], by=request.user
                )
            except IntegrityError:
                form.add_error(
                    None,
                    _("This carer already has another request open. Change that one instead."),
                )
                status = 409
            else:
                return redirect("carers:staff", person_id=person.pk)
    # A carer's own wellbeing answers (about the carer), as change since their first answers.
    wellbeing = carers_measures(person, list(Instrument.objects.filter(code=CARER_INSTRUMENT)))
    rows = [
        {
            "member": member,
            "latest": next(iter(member.carer_views.all()), None),
            "requests": list(member.assessment_requests.all()),
            "wellbeing": wellbeing.get(member.pk, []),
        }
        for member in carers
    ]
    context = {
        "person": person,
        "rows": rows,
        "form": form,
        "page": person_page(person, request.user, list(person.circle.all())),
        "statuses": StatusForm.base_fields["status"].choices,
    }
    return render(request, "carers/staff.html", context, status=status)
