from django.urls import path

from alongside.directory import connections, views

app_name = "directory"
urlpatterns = [
    # On a person's record: suggestions, introductions and what happened.
    path("people/<uuid:person_id>/connections/", connections.connections, name="connections"),
    path(
        "people/<uuid:person_id>/connections/<uuid:service_id>/introduce",
        connections.introduce,
        name="introduce",
    ),
    path(
        "people/<uuid:person_id>/connections/introductions/<int:introduction_id>",
        connections.introduction_outcome,
        name="introduction-outcome",
    ),
    path("directory/", views.browse, name="browse"),
    path("directory/services/new", views.service_new, name="service-new"),
    path("directory/services/<uuid:service_id>/", views.service_detail, name="service"),
    path("directory/services/<uuid:service_id>/edit", views.service_edit, name="service-edit"),
    path("directory/services/<uuid:service_id>/correction", views.correction, name="correction"),
    path(
        "directory/services/<uuid:service_id>/correction/sent",
        views.correction_sent,
        name="correction-sent",
    ),
    path(
        "directory/corrections/<int:correction_id>/done",
        views.correction_done,
        name="correction-done",
    ),
]
