from django.urls import path

from alongside.people import circle_views, views

app_name = "people"
urlpatterns = [
    path("", views.people_list, name="list"),
    path("mine", views.my_record, name="mine"),
    path("new", views.person_new, name="new"),
    path("<uuid:person_id>/details", views.person_details, name="details"),
    path("<uuid:person_id>/story", views.person_story, name="story"),
    path("<uuid:person_id>/circle/add", circle_views.circle_add, name="circle-add"),
    path(
        "<uuid:person_id>/circle/<int:member_id>/change",
        circle_views.circle_change,
        name="circle-change",
    ),
    path(
        "<uuid:person_id>/circle/<int:member_id>/sharing",
        circle_views.circle_sharing,
        name="circle-sharing",
    ),
    path("<uuid:person_id>/", views.person_detail, name="detail"),
]
