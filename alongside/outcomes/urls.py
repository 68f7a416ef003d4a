from django.urls import path

from alongside.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("people/<uuid:person_id>/outcomes/", views.outcomes_page, name="page"),
    path("people/<uuid:person_id>/outcomes/<slug:code>/answer", views.answer, name="answer"),
]
