app_name = "ppps"

urlpatterns = []
