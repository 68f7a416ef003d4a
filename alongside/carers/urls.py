from django.urls import path

from alongside.carers import views

app_name = "carers"
urlpatterns = [
    path("caring/", views.caring, name="caring"),
    path("caring/<int:member_id>/how-it-is", views.how_it_is, name="how-it-is"),
    path("caring/<int:member_id>/assessment", views.assessment, name="assessment"),
    path("people/<uuid:person_id>/carers/", views.staff, name="staff"),
]
