app_name = "abk_anjab"

urlpatterns = []
