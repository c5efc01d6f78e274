from django.urls import path

from journal import views

app_name = "journal"
urlpatterns = [
    path("", views.staff_home, name="home"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal"),
    path("appeals/<int:pk>/files/<int:attachment_pk>/", views.attachment, name="attachment"),
]
