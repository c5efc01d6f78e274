from django.urls import path

from openings import views

app_name = "openings"
urlpatterns = [
    path("", views.openings, name="list"),
    path("new/", views.new_opening, name="new"),
    path("journal.<str:fmt>", views.journal_export, name="journal-export"),
    path("<int:pk>/", views.opening_detail, name="detail"),
    path("<int:pk>/act.<str:fmt>", views.act, name="act"),
]
