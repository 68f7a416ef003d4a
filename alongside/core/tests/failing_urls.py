"""The app's URLs plus a view that fails (for the friendly 500 page test)."""

from django.urls import path

from alongside.config.urls import handler500
from alongside.config.urls import urlpatterns as app_urlpatterns
from alongside.core.access import public


@public
def fails(request):
    raise RuntimeError("secret detail")


urlpatterns = [path("fails", fails), *app_urlpatterns]
__all__ = ["handler500", "urlpatterns"]
