from django.urls import path

from urgent import views

app_name = "urgent"
urlpatterns = [
    path("appeals/<int:pk>/confirm/", views.acknowledge, name="acknowledge"),
    path("appeals/<int:pk>/decision/", views.decide, name="decide"),
    path("school/<slug:slug>/ladder/", views.ladder_settings, name="ladder"),
    path("school/<slug:slug>/absences/", views.absences, name="absences"),
    path(
        "school/<slug:slug>/absences/<int:pk>/delete/", views.absence_delete, name="absence-delete"
    ),
    path("district/", views.district, name="district"),
    path("district/letters/<int:pk>/", views.district_letter, name="district-letter"),
]
