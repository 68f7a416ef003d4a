"""Every version of a person's plan, and any two compared in words. (Being built.)"""

from django.http import Http404

from alongside.core.access import person_record
from alongside.people.models import Shareable


@person_record(target="plans.versions", shared_section=Shareable.PLAN)
def versions(request, person):
    raise Http404


@person_record(target="plans.compare", shared_section=Shareable.PLAN)
def compare(request, person):
    raise Http404
