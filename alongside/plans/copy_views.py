"""The person's copy of an agreed version: printable page, PDF, Easy Read. (Being built.)"""

from django.http import Http404

from alongside.core.access import person_record
from alongside.people.models import Shareable


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
def person_copy(request, person, number):
    raise Http404


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
def person_copy_pdf(request, person, number):
    raise Http404


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
def easy_read(request, person, number):
    raise Http404


@person_record(target="plans.copy", shared_section=Shareable.PLAN)
def easy_read_pdf(request, person, number):
    raise Http404
