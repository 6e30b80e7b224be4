app_name = "arsip"

urlpatterns = []
