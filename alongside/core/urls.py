from django.urls import path

from alongside.core import views
from alongside.core.catalogues import catalogue_urls

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("cookies", views.cookies, name="cookies"),
    path("text-size", views.text_size, name="text-size"),
    *catalogue_urls(),
]
