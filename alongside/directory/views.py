"""The community directory's pages: browse and search, a listing, local services, corrections.

The directory is public information, so its pages need no person's record; the listing's
feedback from introductions is the one part that comes from people, and only staff see it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles, public, signed_in
from alongside.core.audit import audit_listing
from alongside.core.forms import form_mark_stale
from alongside.directory import listing
from alongside.directory.browse import postcode_place, services_found
from alongside.directory.forms import (
    CANNOT_PLACE,
    CorrectionForm,
    DirectorySearchForm,
    LocalServiceForm,
    local_service_initial,
)
from alongside.directory.local_services import (
    ServiceConflict,
    correction_resolve,
    correction_suggest,
    correction_throttled,
    local_service_create,
    local_service_update,
)
from alongside.directory.models import (
    Correction,
    IntroductionOutcome,
    Service,
    ServiceAtLocation,
)

PAGE_SIZE = 20
HISTORY_SHOWN = 20
FEEDBACK_SHOWN = 20
# Who adds and changes local services, and deals with corrections.
EDITORS = (Role.PRACTITIONER, Role.TEAM_MANAGER, Role.ADMINISTRATOR)
# Who reads people's own words about a service (the lead and administrators see counts only).
FEEDBACK_READERS = (Role.PRACTITIONER, Role.TEAM_MANAGER)
NOT_MAPPED = gettext_lazy(
    "We could not put this place on the map: it will not show in searches by distance until "
    "you add its latitude and longitude, or a service at the same postcode has them."
)


@signed_in
@require_safe
def browse(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    place = None
    if form.is_bound and form.is_valid() and form.cleaned_data["postcode"]:
        place = postcode_place(form.cleaned_data["postcode"])
        if place is None:
            form.add_error("postcode", CANNOT_PLACE)
    if form.errors:
        return render(request, "directory/browse.html", {"form": form}, status=400)
    criteria = form.criteria(place)
    page = Paginator(services_found(criteria), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "criteria": criteria,
        "page": page,
        "rows": [listing.service_row(service) for service in page],
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "can_add": request.user.role in EDITORS,
    }
    return render(request, "directory/browse.html", context)


def _listing_context(request: HttpRequest, service: Service) -> dict:
    user = request.user
    context = {
        "service": service,
        "locations": [link.location for link in service.at_locations.all()],
        "when": [listing.schedule_words(s) for s in service.schedules.all()],
        "ages": listing.ages_words(service),
        "cost": listing.cost_words(service),
        "source": listing.source_words(service),
        "out_of_date": service.possibly_out_of_date,
        "can_edit": user.role in EDITORS,
        "is_staff": user.is_staff_member,
    }
    if user.is_staff_member:
        changes = service.changes.select_related("changed_by", "run")[:HISTORY_SHOWN]
        context["history"] = [
            (change, listing.change_is_addition(change), listing.change_rows(change))
            for change in changes
        ]
        context["corrections"] = list(
            service.corrections.filter(resolved_at__isnull=True).order_by("created_at")
        )
        context |= _feedback(request, service)
    return context


def _feedback(request: HttpRequest, service: Service) -> dict:
    """What people said after an introduction: words for those who work with people, counts
    for everyone on the staff. Reading someone's words is audited on their record."""
    heard = service.introductions.exclude(outcome=IntroductionOutcome.WAITING)
    counts = dict(heard.values_list("outcome").annotate(n=Count("id")).order_by())
    tally = [(label, counts[key]) for key, label in IntroductionOutcome.choices if counts.get(key)]
    said = []
    if request.user.role in FEEDBACK_READERS:
        said = list(
            heard.exclude(outcome_words="")
            .order_by("-outcome_recorded_at", "-id")
            .only("person_id", "outcome", "outcome_words", "outcome_recorded_at")[:FEEDBACK_SHOWN]
        )
        audit_listing(
            user=request.user,
            person_ids=sorted({i.person_id for i in said}),
            target="directory.feedback",
        )
    return {"feedback_tally": tally, "feedback": said, "can_read_feedback": bool(said)}


@signed_in
@require_safe
def service_detail(request: HttpRequest, service_id) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.select_related("organization", "source", "added_by").prefetch_related(
            "schedules",
            Prefetch("at_locations", ServiceAtLocation.objects.select_related("location")),
        ),
        pk=service_id,
    )
    return render(request, "directory/service.html", _listing_context(request, service))


@for_roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest) -> HttpResponse:
    form = LocalServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service, mapped = local_service_create(details=form.details(), by=request.user)
        messages.success(request, _("Added to the directory"))
        if not mapped and form.cleaned_data["postcode"]:
            messages.info(request, NOT_MAPPED)
        return redirect("directory:service", service_id=service.pk)
    return render(
        request, "directory/service_form.html", {"form": form}, status=400 if form.errors else 200
    )


@for_roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, service_id) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    if not service.is_local:
        return render(request, "directory/imported.html", {"service": service}, status=403)
    location = next(
        (link.location for link in service.at_locations.select_related("location")), None
    )
    schedule = service.schedules.order_by("id").first()
    initial = local_service_initial(service, location, schedule)
    form = LocalServiceForm(request.POST or None, initial=initial, editing=True)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            mapped = local_service_update(
                service=service,
                details=form.details(),
                seen_version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except ServiceConflict as error:
            conflict = error.current
            form_mark_stale(form, current_version=conflict.version)
        else:
            messages.success(request, _("Changes saved"))
            if not mapped and form.cleaned_data["postcode"]:
                messages.info(request, NOT_MAPPED)
            return redirect("directory:service", service_id=service.pk)
    context = {"form": form, "service": service, "conflict": conflict}
    if conflict is not None:
        context["saved_now"] = _conflict_summary(conflict)
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "directory/service_form.html", context, status=status)


def _conflict_summary(current: Service) -> list[tuple[str, str]]:
    """What the other person saved, to read before saving again."""
    locations = [link.location for link in current.at_locations.select_related("location")]
    return [
        (_("Name"), current.name),
        (_("Who runs it"), current.organization.name if current.organization else ""),
        (_("What happens there"), current.description),
        (
            _("Who it's for"),
            ", ".join(p for p in (current.audience, listing.ages_words(current)) if p),
        ),
        (_("Cost"), listing.cost_words(current)),
        (_("Contact"), " · ".join(p for p in (current.email, current.phone, current.url) if p)),
        (_("Where"), "; ".join(listing.place_words(loc) for loc in locations)),
        (_("When"), "; ".join(listing.schedule_words(s) for s in current.schedules.all())),
    ]


@public
@require_http_methods(["GET", "POST"])
def correction(request: HttpRequest, service_id) -> HttpResponse:
    """Anyone may suggest a correction: the organisation follows the link in an introduction.
    The page shows only what the directory publishes."""
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    form = CorrectionForm(request.POST or None)
    throttled = False
    if request.method == "POST" and form.is_valid():
        address = request.META.get("REMOTE_ADDR", "")
        throttled = correction_throttled(email=form.cleaned_data["email"], address=address)
        if not throttled:
            if not form.is_robot():
                correction_suggest(
                    service=service,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    words=form.cleaned_data["words"],
                    link=request.build_absolute_uri(
                        reverse("directory:service", args=[service.pk])
                    ),
                )
            return redirect("directory:correction-sent", service_id=service.pk)
    status = 429 if throttled else (400 if form.errors else 200)
    context = {"service": service, "form": form, "throttled": throttled}
    return render(request, "directory/correction.html", context, status=status)


@public
@require_safe
def correction_sent(request: HttpRequest, service_id) -> HttpResponse:
    service = get_object_or_404(Service.objects.only("id", "name"), pk=service_id)
    return render(request, "directory/correction_sent.html", {"service": service})


@for_roles(*EDITORS)
@require_POST
def correction_done(request: HttpRequest, correction_id: int) -> HttpResponse:
    found = get_object_or_404(Correction, pk=correction_id)
    correction_resolve(correction=found, by=request.user)
    messages.success(request, _("Correction marked as done"))
    return redirect("directory:service", service_id=found.service_id)
