from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip import account, sso, views
from sakip.forms import LoginForm

admin.site.site_header = "Administrasi SAKIP Kecamatan"
admin.site.site_title = "SAKIP Kecamatan"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", views.home, name="home"),
    path("beranda/", views.beranda, name="beranda"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True, extra_context={"sso": sso}
        ),
        name="login",
    ),
    path("masuk/sso/", sso.masuk, name="sso_masuk"),
    path("masuk/sso/kembali/", sso.kembali, name="sso_kembali"),
    path("keluar/", sso.keluar, name="logout"),  # ends the SSO provider's session too (sakip/sso.py)
    path("akun/dua-langkah/daftar/", account.dua_langkah_daftar, name="dua_langkah_daftar"),
    path("akun/dua-langkah/", account.dua_langkah_verifikasi, name="dua_langkah_verifikasi"),
    path("akun/kata-sandi/", account.PasswordChangeView.as_view(), name="password_change"),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("admin/", admin.site.urls),
    path("sop/", include("sop.urls")),
    path("tugas/", include("workflow.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("laporan/", include("laporan.urls")),
    path("pengaturan/", include("pengaturan.urls")),
    path("notifikasi/", include("notifikasi.urls")),
    path("layanan/", include("layanan.urls")),
    path("loket/", include("loket.urls")),
    path("renstra/", include("renstra.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("publik/", include("publikasi.urls")),
    path("kepegawaian/", include("kepegawaian.urls")),
    path("api/", include("api.urls")),
]

handler403 = "sakip.views.permission_denied"
handler404 = "django.views.defaults.page_not_found"
