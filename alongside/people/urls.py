from django.urls import path

from alongside.people import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("mine", views.my_record, name="mine"),
    path("new", views.person_new, name="new"),
    path("<uuid:person_id>/details", views.person_details, name="details"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
]
