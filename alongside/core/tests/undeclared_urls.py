"""A URL whose view forgot to declare an access policy (for the deny-by-default test)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path


@login_not_required
def forgot_its_policy(request):
    return HttpResponse("personal data")


urlpatterns = [path("undeclared", forgot_its_policy)]
