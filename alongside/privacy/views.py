"""My privacy: who can see what, who has looked, and a copy of everything held.

Who may open these pages:

- The person, on their own record: all three.
- Staff who can reach the record (their practitioner and their team): the privacy page and who
  has looked, to help the person with them. Not the download (403): a copy of the whole record
  goes only to the person, signed in as themselves. For someone who does not use Alongside,
  the council's subject access process (the data protection officer) sends the copy.
- Supporters: 404 on all three, whatever the person shared with them (``NEVER_SHARED`` is not a
  part of the record anyone can be given). Co-production leads, administrators and other teams:
  404, as for any record they cannot reach.
"""

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
from alongside.core.access import person_record
from alongside.core.models import AuditAction
from alongside.people.models import Person, Shareable
from alongside.plans.copy_views import pdf_bytes
from alongside.privacy.subject_access import subject_access_data
from alongside.privacy.who_looked import PAGE_SIZE, describe, looks_for, supporter_names

log = logging.getLogger("alongside.privacy")

# Not one of Shareable's parts, so no supporter is ever given it: supporters get 404 here.
NEVER_SHARED = "privacy"

HELPERS = (Role.PERSON, Role.PRACTITIONER, Role.TEAM_MANAGER)
ONLY_THE_PERSON = (Role.PERSON,)
ZIP_NAME = "my-information.zip"
# Shown in the PDF; the JSON file has every one.
PDF_LOOKS = 500


def _is_own(request: HttpRequest, person: Person) -> bool:
    return person.account_id is not None and person.account_id == request.user.pk


@person_record(target="privacy.page", roles=HELPERS, shared_section=NEVER_SHARED)
@require_safe
def privacy_home(request: HttpRequest, person: Person) -> HttpResponse:
    circle = [
        (m, [str(Shareable(s).label) for s in m.shared_sections if s in Shareable.values])
        for m in person.circle.all()
    ]
    context = {"person": person, "circle": circle, "is_own": _is_own(request, person)}
    return render(request, "privacy/home.html", context)


@person_record(target="privacy.who_looked", roles=HELPERS, shared_section=NEVER_SHARED)
@require_safe
def who_looked(request: HttpRequest, person: Person) -> HttpResponse:
    page = Paginator(looks_for(person), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "is_own": _is_own(request, person),
        "page": page,
        "looks": describe(page, person, supporter_names(person)),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    }
    return render(request, "privacy/who_looked.html", context)


@person_record(target="privacy.download", roles=ONLY_THE_PERSON, shared_section=NEVER_SHARED)
@require_safe
def _download_page(request: HttpRequest, person: Person) -> HttpResponse:
    return render(request, "privacy/download.html", {"person": person})


@person_record(
    target="privacy.download",
    action=AuditAction.EXPORT,
    roles=ONLY_THE_PERSON,
    shared_section=NEVER_SHARED,
)
@never_cache
def _download_make(request: HttpRequest, person: Person) -> HttpResponse:
    started = time.perf_counter()
    data = subject_access_data(person)
    looks = data["who_looked"]
    html = render_to_string(
        "privacy/copy_pdf.html",
        {
            "person": person,
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
    # Nothing personal: how big, how long.
    log.info(
        "privacy.download",
        extra={"bytes": len(content), "ms": round((time.perf_counter() - started) * 1000)},
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def download(request: HttpRequest, person_id) -> HttpResponse:
    """One address: GET explains, POST makes the copy. Each is its own access-checked view, so
    looking at the page is audited as a view and making the copy as an export."""
    view = _download_make if request.method == "POST" else _download_page
    return view(request, person_id)


# The policy is the two views' (the same for both): declared here for the URL's callback.
for _attribute in ("access_policy", "audit_target", "shared_section", "allowed_roles"):
    setattr(download, _attribute, getattr(_download_page, _attribute))
