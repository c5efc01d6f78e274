from django.urls import path

from schools import views

app_name = "schools"
urlpatterns = [
    path("<slug:slug>/", views.settings_view, name="settings"),
    path("<slug:slug>/regulation.<str:lang>.pdf", views.regulation_pdf_view, name="regulation-pdf"),
    path("<slug:slug>/data-sheet.<str:lang>.pdf", views.data_sheet_view, name="data-sheet"),
    path("<slug:slug>/days-off/<int:pk>/delete/", views.day_off_delete, name="day-off-delete"),
    path("<slug:slug>/contacts/<int:pk>/delete/", views.contact_delete, name="contact-delete"),
]
