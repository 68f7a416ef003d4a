"""The person's copy of an agreed version: printable page, PDF, Easy Read.

Only an agreed version has one; a draft, or a number that does not exist, is 404. The PDFs are
made with WeasyPrint from a standalone page with its styles inline, and nothing is fetched: no
stylesheets, fonts or images from anywhere. Filenames carry the version number, never a name."""

import logging
import time
import warnings

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from alongside.core.access import person_record
from alongside.people.models import Person, Shareable
from alongside.plans.copy import PersonCopy, person_copy_for

log = logging.getLogger("alongside.plans")


def _copy_or_404(person: Person, number: int) -> PersonCopy:
    copy = person_copy_for(person, number)
    if copy is None:
        raise Http404
    return copy


def _context(person: Person, copy: PersonCopy) -> dict:
    return {"person": person, "copy": copy}


def _weasyprint():
    """WeasyPrint, imported when first needed (it is slow to import). Without the system's
    HarfBuzz-Subset library it warns that a future version will need it, and subsets fonts with
    fontTools instead: that warning is about the host, not this request, so it is not raised."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning
        )
        import weasyprint
        import weasyprint.urls

    return weasyprint


def _no_fetching():
    """A WeasyPrint URL fetcher that refuses every URL, so a PDF never reaches out for
    anything (no file, no network), whatever the page says."""

    class NoFetching(_weasyprint().urls.URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError("The person's copy fetches nothing.")

    return NoFetching()


def pdf_bytes(html: str) -> bytes:
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching()).write_pdf()


def _pdf_response(request: HttpRequest, template: str, context: dict, filename: str):
    started = time.perf_counter()
    pdf = pdf_bytes(render_to_string(template, context, request=request))
    # Nothing personal: which document, how big, how long.
    log.info(
        "plans.copy.pdf",
        extra={
            "template": template,
            "bytes": len(pdf),
            "ms": round((time.perf_counter() - started) * 1000),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
@require_safe
def person_copy(request: HttpRequest, person: Person, number: int) -> HttpResponse:
    copy = _copy_or_404(person, number)
    return render(request, "plans/copy/copy.html", _context(person, copy))


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
@require_safe
def person_copy_pdf(request: HttpRequest, person: Person, number: int) -> HttpResponse:
    copy = _copy_or_404(person, number)
    return _pdf_response(
        request,
        "plans/copy/copy_pdf.html",
        _context(person, copy),
        f"support-plan-version-{copy.number}.pdf",
    )


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
@require_safe
def easy_read(request: HttpRequest, person: Person, number: int) -> HttpResponse:
    copy = _copy_or_404(person, number)
    return render(request, "plans/copy/easy_read.html", _context(person, copy))


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
@require_safe
def easy_read_pdf(request: HttpRequest, person: Person, number: int) -> HttpResponse:
    copy = _copy_or_404(person, number)
    return _pdf_response(
        request,
        "plans/copy/easy_read_pdf.html",
        _context(person, copy),
        f"easy-read-plan-version-{copy.number}.pdf",
    )
