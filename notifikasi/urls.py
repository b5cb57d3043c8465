from django.urls import path

from notifikasi import views

app_name = "notifikasi"

urlpatterns = [
    path("", views.index, name="index"),
    path("buka/", views.buka, name="buka"),
    path("baca-semua/", views.baca_semua, name="baca_semua"),
    path("preferensi/", views.preferensi, name="preferensi"),
]
