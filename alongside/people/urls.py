from django.urls import path

from alongside.people import views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("mine", views.my_record, name="mine"),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
]
