from django.urls import include, path

from alongside.plans.views import plan_rules

urlpatterns = [
    path("", include("alongside.core.urls")),
    path("", include("alongside.accounts.urls")),
    path("admin/plan-rules", plan_rules, name="plan-rules"),
    path("people/", include("alongside.people.urls")),
    path("people/<uuid:person_id>/about-me/", include("alongside.aboutme.urls")),
    path("people/<uuid:person_id>/conversations/", include("alongside.conversations.urls")),
    path("people/<uuid:person_id>/needs/", include("alongside.needs.urls")),
    path("people/<uuid:person_id>/plan/", include("alongside.plans.urls")),
    # These define their full paths: some under a person's record, some of their own.
    path("", include("alongside.threads.urls")),
    path("", include("alongside.heard.urls")),
    path("", include("alongside.privacy.urls")),
    path("", include("alongside.carers.urls")),
    path("", include("alongside.outcomes.urls")),
    path("", include("alongside.directory.urls")),
    # The public, read-only Open Referral UK 3.0 API of the community directory (ADR 25).
    path("openreferral/", include("alongside.directory.api_urls")),
]

handler400 = "alongside.core.views.bad_request"
handler403 = "alongside.core.views.permission_denied"
handler404 = "alongside.core.views.page_not_found"
handler500 = "alongside.core.views.server_error"
