from django.urls import path

from alongside.heard import views

app_name = "heard"
urlpatterns = [
    path("people/<uuid:person_id>/not-listened-to", views.raise_concern, name="raise"),
    path("people/<uuid:person_id>/not-listened-to/sent", views.sent, name="sent"),
    path("people/<uuid:person_id>/not-listened-to/yours", views.yours, name="yours"),
    path("concerns/", views.concern_list, name="list"),
    path("concerns/counts", views.counts, name="counts"),
    path("concerns/<int:concern_id>", views.concern_detail, name="detail"),
]
