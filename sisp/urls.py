from django.contrib import admin
from django.urls import include, path

from sisp.views import account
from sisp.views.admin_site import view_on_site

admin.site.site_header = "Administrasi SISP"
admin.site.site_title = "Administrasi SISP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", include("sisp.routes")),
    path("", include("ppps.public_urls")),
    path("arsip/", include("arsip.urls")),
    path("ppps/", include("ppps.urls")),
    path("abk/", include("abk_anjab.urls")),
    # Before the admin's own "view on site" route, which answers by existence (see the view).
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    # The admin signs in through SISP's own sign-in (its address limit, lockouts, second factor).
    path("admin/login/", account.admin_login),
    path("admin/", admin.site.urls),
]

handler403 = "sisp.views.errors.permission_denied"
handler500 = "sisp.views.errors.server_error"
