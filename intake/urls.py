from django.urls import path

from intake import views

app_name = "intake"
urlpatterns = [
    path("", views.school_list, name="schools"),
    path("s/<slug:slug>/", views.school_page, name="school"),
    path("s/<slug:slug>/write/", views.write, name="write"),
    path("s/<slug:slug>/receipt/", views.receipt, name="receipt"),
    path("s/<slug:slug>/receipt/print/", views.receipt, {"printable": True}, name="receipt-print"),
    path("s/<slug:slug>/check/", views.check, name="check"),
    path("s/<slug:slug>/conversation/", views.conversation, name="conversation"),
    path("s/<slug:slug>/leave/", views.leave, name="leave"),
]
