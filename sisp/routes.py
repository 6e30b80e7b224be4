from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .views import account, audit, manage, portal, public, roles

app_name = "sisp"

urlpatterns = [
    path("", public.home, name="home"),
    path("kantor/<slug:slug>/", public.office_home, name="office_home"),
    path("healthz", public.healthz, name="healthz"),
    # Accounts
    path(
        "masuk/",
        account.LoginView.as_view(),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/profil/", account.profile, name="profile"),
    path("akun/dua-langkah/", account.second_factor_verify, name="2fa_verify"),
    path("akun/dua-langkah/daftar/", account.second_factor_setup, name="2fa_setup"),
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("sisp:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "akun/lupa-sandi/",
        account.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "akun/lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-sandi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("sisp:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "akun/atur-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Portal
    path("portal/", portal.portal, name="portal"),
    path("portal/tautan/<int:pk>/", portal.go, name="go"),
    path("portal/tautan/<int:pk>/favorit/", portal.toggle_favorite, name="toggle_favorite"),
    path("portal/wilayah/", portal.region_summary, name="region_summary"),
    path("portal/kelola/", manage.manage_index, name="manage"),
    path("portal/kelola/klik/", manage.click_stats, name="click_stats"),
    path(
        "portal/kelola/klik.xlsx",
        manage.click_stats,
        {"as_xlsx": True},
        name="click_stats_xlsx",
    ),
    path("portal/kelola/tautan/baru/", manage.link_edit, name="link_add"),
    path("portal/kelola/tautan/<int:pk>/", manage.link_edit, name="link_edit"),
    path("portal/kelola/tautan/<int:pk>/hapus/", manage.link_delete, name="link_delete"),
    path("portal/kelola/kategori/baru/", manage.category_edit, name="category_add"),
    path("portal/kelola/kategori/<int:pk>/", manage.category_edit, name="category_edit"),
    path("portal/kelola/kategori/<int:pk>/hapus/", manage.category_delete, name="category_delete"),
    path("portal/kelola/pengumuman/baru/", manage.pengumuman_edit, name="pengumuman_add"),
    path("portal/kelola/pengumuman/<int:pk>/", manage.pengumuman_edit, name="pengumuman_edit"),
    path(
        "portal/kelola/pengumuman/<int:pk>/hapus/",
        manage.pengumuman_delete,
        name="pengumuman_delete",
    ),
    # Persetujuan peran (second-person approval of sensitive roles)
    path("portal/peran/", roles.role_request_list, name="role_requests"),
    path("portal/peran/ajukan/", roles.role_request_add, name="role_request_add"),
    path("portal/peran/<int:pk>/putuskan/", roles.role_request_decide, name="role_request_decide"),
    # Audit trail (read-only)
    path("audit/", audit.audit_list, name="audit_list"),
    path("audit/ekspor.csv", audit.audit_export, name="audit_export"),
]
