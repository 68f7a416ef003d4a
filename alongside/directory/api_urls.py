"""The public Open Referral UK 3.0 API, mounted at /openreferral/ (ADR 25). Paths as the UK
profile's OpenAPI names them, without a trailing slash."""

from django.urls import path

from . import api_views as views

app_name = "openreferral"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.services, name="services"),
    path("services/<str:oruk_id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:oruk_id>", views.organization, name="organization"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:oruk_id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy-terms"),
    path("taxonomy_terms/<str:oruk_id>", views.taxonomy_term, name="taxonomy-term"),
    path("service_at_locations", views.service_at_locations, name="service-at-locations"),
    path(
        "service_at_locations/<str:oruk_id>",
        views.service_at_location,
        name="service-at-location",
    ),
    # Last: anything else here answers in JSON too.
    path("<path:unknown_path>", views.unknown, name="unknown"),
]
