from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("school/<slug:slug>/", views.dashboard, name="dashboard"),
    path("school/<slug:slug>/quarterly/", views.report_list, name="list"),
    path("school/<slug:slug>/quarterly/draft/", views.draft, name="draft"),
    path("school/<slug:slug>/periods/", views.periods, name="periods"),
    path("school/<slug:slug>/periods/<int:pk>/delete/", views.period_delete, name="period-delete"),
    path("quarterly/<int:pk>/", views.report_detail, name="report"),
    path("quarterly/<int:pk>/report.<str:fmt>", views.report_file, name="file"),
    path("district/<int:pk>/", views.district, name="district"),
    path("district/<int:pk>/statistics.<str:fmt>", views.district_export, name="district-export"),
]
