"""My privacy for a supporter: what each person they support lets them see, who at the council
has looked at what they told us about caring, and a copy of their own information.

A supporter is a data subject too (UK GDPR Article 15). These pages are about the supporter, not
about anyone's record: ``for_roles(SUPPORTER)``, and every other role gets 403. What goes in the
copy, and what is withheld because it is the person's, is in ``supporter_copy``."""

import io
import logging
import time
import zipfile

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from alongside.accounts.models import Role
from alongside.core.access import for_roles
from alongside.core.audit import audit_record
from alongside.core.models import AuditAction, AuditOutcome
from alongside.plans.copy_views import pdf_bytes
from alongside.privacy.supporter_copy import shared_labels, supporter_copy_data
from alongside.privacy.supporter_looks import (
    PAGE_SIZE,
    cared_for_names,
    describe_looks,
    looks_for_supporter,
)

log = logging.getLogger("alongside.privacy")

DOWNLOAD_TARGET = "privacy.supporter_download"
ZIP_NAME = "my-information.zip"
# Shown in the PDF; the JSON file has every one.
PDF_LOOKS = 500


@for_roles(Role.SUPPORTER)
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    memberships = request.user.circle_memberships.select_related("person").order_by(
        "person__sort_name", "id"
    )
    circles = [(m, shared_labels(m)) for m in memberships]
    is_carer = any(m.is_unpaid_carer for m, _shared in circles)
    return render(
        request, "privacy/supporter_home.html", {"circles": circles, "is_carer": is_carer}
    )


@for_roles(Role.SUPPORTER)
@require_safe
def who_looked(request: HttpRequest) -> HttpResponse:
    page = Paginator(looks_for_supporter(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "looks": describe_looks(page, cared_for_names(request.user)),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "privacy/supporter_who_looked.html", context)


@never_cache
def _make(request: HttpRequest) -> HttpResponse:
    started = time.perf_counter()
    user = request.user
    data = supporter_copy_data(user)
    looks = data["who_looked_at_what_you_told_us_about_caring"]
    html = render_to_string(
        "privacy/supporter_copy_pdf.html",
        {
            "data": data,
            "looks": looks[:PDF_LOOKS],
            "looks_left_out": max(len(looks) - PDF_LOOKS, 0),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "my-information.json",
            DjangoJSONEncoder(indent=2, ensure_ascii=False).encode(data),
        )
        archive.writestr("my-information.pdf", pdf_bytes(html))
    content = buffer.getvalue()
    # The supporter's own information, no one person's record: one row, with no person.
    audit_record(
        user=user,
        person_id=None,
        action=AuditAction.EXPORT,
        target=DOWNLOAD_TARGET,
        outcome=AuditOutcome.ALLOWED,
    )
    # Nothing personal: how big, how long.
    log.info(
        "privacy.supporter_download",
        extra={"bytes": len(content), "ms": round((time.perf_counter() - started) * 1000)},
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    return response


@for_roles(Role.SUPPORTER)
@require_http_methods(["GET", "HEAD", "POST"])
def download(request: HttpRequest) -> HttpResponse:
    """One address: GET explains, POST makes the copy."""
    if request.method == "POST":
        return _make(request)
    return render(request, "privacy/supporter_download.html")
