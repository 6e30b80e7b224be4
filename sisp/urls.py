from django.contrib import admin
from django.urls import include, path

from sisp.views import account

admin.site.site_header = "Administrasi SISP"
admin.site.site_title = "Administrasi SISP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", include("sisp.routes")),
    path("", include("ppps.public_urls")),
    path("arsip/", include("arsip.urls")),
    path("ppps/", include("ppps.urls")),
    path("abk/", include("abk_anjab.urls")),
    # The admin signs in through SISP's own sign-in (its address limit, lockouts, second factor).
    path("admin/login/", account.admin_login),
    path("admin/", admin.site.urls),
]
