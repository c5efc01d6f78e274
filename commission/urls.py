from django.urls import path

from commission import views

app_name = "commission"
urlpatterns = [
    path("", views.index, name="index"),
    path("orders/<int:pk>/", views.order_detail, name="order"),
    path("orders/<int:pk>/edit/", views.order_edit, name="order-edit"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes.<str:fmt>", views.minutes_export, name="minutes"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/orders/", views.orders, name="orders"),
    path("<slug:slug>/orders/new/", views.order_new, name="order-new"),
    path("<slug:slug>/meetings/new/", views.meeting_new, name="meeting-new"),
]
