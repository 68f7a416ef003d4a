from django.urls import path

from alongside.needs import views

app_name = "needs"
urlpatterns = [
    path("", views.need_list, name="list"),
    path("new", views.need_new, name="new"),
    path("carers/<int:carer_id>/new", views.need_new, name="carer-new"),
    path("<int:need_id>/change", views.need_edit, name="change"),
]
