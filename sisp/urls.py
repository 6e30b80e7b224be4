from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administrasi SISP"
admin.site.site_title = "Administrasi SISP"
admin.site.index_title = "Pengelolaan data"

urlpatterns = [
    path("", include("sisp.routes")),
    path("", include("ppps.public_urls")),
    path("arsip/", include("arsip.urls")),
    path("ppps/", include("ppps.urls")),
    path("abk/", include("abk_anjab.urls")),
    path("admin/", admin.site.urls),
]
