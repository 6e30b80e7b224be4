# Public Info PPPS pages (/cek/, /aduan/, /statistik/), built in the Info PPPS issue.
urlpatterns = []
